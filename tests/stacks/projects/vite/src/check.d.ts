export function runChecks(dimona: typeof import("dimona"), initOptions?: import("dimona").InitOptions): Promise<unknown>;
export function report(promise: Promise<unknown>): void;
export function declarationBody(): import("dimona").DeclarationBody;
