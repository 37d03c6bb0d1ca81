import { buildOpenApi } from "@/lib/api/openapi";

// Public on purpose: the document describes the API, it exposes no data.
export function GET() {
  return Response.json(buildOpenApi());
}
