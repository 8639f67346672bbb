// A route handler: validates on the server.
import init, { validate } from "dimona";

export async function POST(request: Request) {
  await init();
  return Response.json(validate(await request.json()));
}
