import { AppError } from "../errors";

export const MAX_JSON_BODY_BYTES = 1_000_000;

const tooLarge = (limit: number) =>
  new AppError(413, "body_too_large", `Request body exceeds ${limit} bytes`, "Send a smaller body.");

/**
 * Reads a request body while counting bytes and stops at the limit, so a chunked upload
 * with no Content-Length cannot grow the process before it is refused.
 */
export async function readBodyText(request: Request, limit = MAX_JSON_BODY_BYTES): Promise<string> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AppError(400, "invalid_encoding", "Request body is not valid UTF-8", "Send UTF-8 encoded JSON.");
  }
}

function isJsonContentType(value: string | null): boolean {
  if (!value) return false;
  const type = value.split(";")[0].trim().toLowerCase();
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

/**
 * A JSON body: `Content-Type: application/json` is required (a cross-site form or
 * `text/plain` request cannot send it without a preflight), size-limited while streaming.
 */
export async function readJsonBody(request: Request, limit = MAX_JSON_BODY_BYTES): Promise<unknown> {
  if (!isJsonContentType(request.headers.get("content-type"))) {
    throw new AppError(415, "unsupported_media_type", "Request body must be JSON", "Send the body with Content-Type: application/json.");
  }
  const text = await readBodyText(request, limit);
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(400, "invalid_json", "Request body is not valid JSON", "Send a JSON object with Content-Type: application/json.");
  }
}
