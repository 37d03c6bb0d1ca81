import { ApiCallError, type ApiErrorBody } from "@/components/api/fetch-json";

export type UploadProgress = { sent: number; total: number };

export type UploadHandle<T> = {
  /** Resolves with the JSON answer; rejects with ApiCallError, or UploadAborted after abort(). */
  done: Promise<T>;
  abort: () => void;
};

export class UploadAborted extends Error {
  constructor() {
    super("Upload cancelled");
    this.name = "UploadAborted";
  }
}

type Messages = { network: string; unexpected: (status: number) => string };

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** The API's `{error: {code, message, hint}}`, or a local message when a proxy answered instead. */
export function uploadError(status: number, text: string, msg: Messages): ApiCallError {
  const err = (parse(text) as { error?: Partial<ApiErrorBody> } | null)?.error;
  const body: ApiErrorBody =
    err && typeof err.message === "string"
      ? { code: err.code ?? `http_${status}`, message: err.message, hint: err.hint, details: err.details }
      : { code: `http_${status}`, message: msg.unexpected(status) };
  return new ApiCallError(status, body);
}

/**
 * POSTs a file's raw bytes. XMLHttpRequest rather than fetch because only it reports upload
 * progress; same-origin, so the session cookie and Origin go along as with fetch.
 */
export function uploadFile<T>(url: string, file: Blob, opts: { onProgress: (p: UploadProgress) => void; messages: Messages }): UploadHandle<T> {
  const xhr = new XMLHttpRequest();
  const done = new Promise<T>((resolve, reject) => {
    xhr.upload.onprogress = (e) => opts.onProgress({ sent: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve(parse(xhr.responseText) as T);
      else reject(uploadError(xhr.status, xhr.responseText, opts.messages));
    };
    xhr.onerror = () => reject(new ApiCallError(0, { code: "network_error", message: opts.messages.network }));
    xhr.onabort = () => reject(new UploadAborted());
    xhr.open("POST", url);
    xhr.withCredentials = true;
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.setRequestHeader("accept", "application/json");
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}

/** The upload's URL: the file's bytes are the body, everything else rides in the query. */
export function uploadUrl(hostId: string, fileName: string, name?: string): string {
  const q = new URLSearchParams({ hostId, fileName });
  if (name && name.trim()) q.set("name", name.trim());
  return `/api/v1/datasets/upload?${q.toString()}`;
}

// The server takes these four spellings only (UploadFileNameSchema); "x.Json" would be refused after the upload.
const UPLOADABLE = /\.(json|jsonl|JSON|JSONL)$/;

/** Checked before sending, so a wrong file costs no upload; the server checks the same again. */
export function uploadProblem(file: { name: string; size: number }, maxBytes: number): "extension" | "tooLarge" | "empty" | null {
  if (!UPLOADABLE.test(file.name)) return "extension";
  if (file.size === 0) return "empty";
  if (file.size > maxBytes) return "tooLarge";
  return null;
}
