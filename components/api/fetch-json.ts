/** Shape of every error the API returns: `{error: {code, message, hint, details?}}`. */
export type ApiErrorBody = { code: string; message: string; hint?: string; details?: unknown };

export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
    this.name = "ApiCallError";
  }
}

type Messages = { network: string; unexpected: (status: number) => string };

/**
 * Same-origin JSON call for client components. Resolves with the parsed body on 2xx; rejects
 * with ApiCallError carrying the server's message and hint, or a local one for network
 * failures and non-JSON answers (proxies, crashes).
 */
export async function apiFetch<T>(url: string, init: { method?: string; body?: unknown }, msg: Messages): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? "GET",
      credentials: "same-origin",
      headers: init.body === undefined ? { accept: "application/json" } : { "content-type": "application/json", accept: "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new ApiCallError(0, { code: "network_error", message: msg.network });
  }
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (res.ok) return data as T;
  const err = (data as { error?: Partial<ApiErrorBody> } | null)?.error;
  if (err && typeof err.message === "string") {
    throw new ApiCallError(res.status, { code: err.code ?? `http_${res.status}`, message: err.message, hint: err.hint, details: err.details });
  }
  throw new ApiCallError(res.status, { code: `http_${res.status}`, message: msg.unexpected(res.status) });
}
