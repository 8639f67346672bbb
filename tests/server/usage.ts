// Type-checked (never run): the README's ways of using dimona/server compile against server.d.ts.
import {
  createDimonaHandler,
  createTokenProvider,
  matchOperation,
  OPERATIONS,
  type AuditEntry,
  type AuthorizeCall,
  type OperationName,
} from "../../pkg-template/server.js";

declare function userMayActFor(request: Request, employer: AuthorizeCall["employer"]): Promise<boolean>;
declare function ownsDeclaration(request: Request, id: string): Promise<boolean>;

const token = createTokenProvider({
  clientId: "self_service_expeditor_123456",
  privateKey: "-----BEGIN PRIVATE KEY-----…",
  scope: "scope:dimona:declaration:declarant scope:dimona:declaration:consult",
});

export const handler: (request: Request) => Promise<Response> = createDimonaHandler({
  environment: "production",
  token,
  authorize: async (request, { operation, employer, id }) => {
    const name: OperationName = operation;
    if (id !== undefined) return ownsDeclaration(request, id);
    return name !== "submit" || (employer !== undefined && (await userMayActFor(request, employer)));
  },
  audit: (entry: AuditEntry) => {
    const line: string = `${entry.operation ?? "-"} ${entry.status} ${entry.durationMs}ms ${entry.refused ?? ""}`;
    void line;
  },
  limits: { requestBytes: 32 * 1024, upstreamTimeoutMs: 30_000 },
});

// Next.js route handler shape.
export const GET = (request: Request) => handler(request);
export const POST = GET;

const route = matchOperation("GET", "/periods/1");
if ("operation" in route) {
  const id: string | undefined = route.id;
  void id;
} else {
  const status: 400 | 404 | 405 = route.status;
  void status;
}
const methods: ("GET" | "POST")[] = OPERATIONS.map((o) => o.method);
void methods;
// @ts-expect-error: the token source is required
createDimonaHandler({ environment: "simulation" });
// @ts-expect-error: only the two environments
createDimonaHandler({ environment: "staging", token });
