// The README's calls, type-checked with Vite's default tsconfig (skipLibCheck off).
import init, { DimonaClient, DimonaError, declarationSchema, validate, type DeclarationBody } from "dimona";

export async function readme(body: DeclarationBody): Promise<string> {
  await init();
  const report = validate(body);
  if (!report.valid) return report.anomalies.map((a) => `${a.path}: ${a.message}`).join("\n");
  const client = new DimonaClient({ baseUrl: "/REST/dimona/v2" });
  try {
    const result = await client.declare(body);
    return result.result;
  } catch (e) {
    if (e instanceof DimonaError) return e.kind;
    throw e;
  }
}

export const schema = declarationSchema["~standard"].vendor;
