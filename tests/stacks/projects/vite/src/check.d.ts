export interface ValidatorOutcome {
  valid: boolean;
  invalid: boolean;
  code: string | null;
}
export interface Outcome extends ValidatorOutcome {
  result: string;
  afterFree: string;
}
export function runChecks(dimona: typeof import("dimona"), initOptions?: import("dimona").InitOptions): Promise<Outcome>;
export function runValidatorChecks(
  validator: typeof import("dimona/validator"),
  initOptions?: import("dimona/validator").InitOptions,
): Promise<ValidatorOutcome>;
export function report(promise: Promise<unknown>): void;
export function declarationBody(): import("dimona").DeclarationBody;
