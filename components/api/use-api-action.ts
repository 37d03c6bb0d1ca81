"use client";

import { useRef, useState } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { explainApiError, toApiErrorBody, type ExplainOptions } from "./explain-api-error";
import { apiFetch, type ApiErrorBody } from "./fetch-json";

export type ApiActionOptions<T, F extends string> = ExplainOptions<F> & {
  onSuccess?: (data: T) => void;
  /** After the error is shown (focus the first bad field, refresh a stale page). */
  onError?: (error: ApiErrorBody, fieldErrors: Partial<Record<F, string>>) => void;
  /** Stay pending after success: the page navigates away, so the button must not come back first. */
  keepPendingOnSuccess?: boolean;
};

export type ApiAction<T, F extends string> = {
  /** Sends the request unless one is already in flight; resolves with the body, or undefined on error. */
  run: (url: string, init?: { method?: string; body?: unknown }) => Promise<T | undefined>;
  pending: boolean;
  error: ApiErrorBody | null;
  fieldErrors: Partial<Record<F, string>>;
  /** For problems the form finds before sending (same box, same field slots). */
  setError: (error: ApiErrorBody | null) => void;
  setFieldErrors: (errors: Partial<Record<F, string>>) => void;
};

/**
 * The submit/pending/error cycle every form shares: one request at a time, the server's
 * `{code, message, hint}` in the form's box, zod `details` at the fields the form shows, and
 * the typed values left alone (they live in the form's own state, which this never touches).
 */
export function useApiAction<T = unknown, F extends string = never>(options: ApiActionOptions<T, F> = {}): ApiAction<T, F> {
  const { tr } = useI18n();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<F, string>>>({});
  // State updates land after the click that follows a double-click; the ref does not.
  const inFlight = useRef(false);

  async function run(url: string, init: { method?: string; body?: unknown } = {}): Promise<T | undefined> {
    if (inFlight.current) return undefined;
    inFlight.current = true;
    setPending(true);
    setError(null);
    setFieldErrors({});
    let data: T;
    try {
      data = await apiFetch<T>(url, init, { network: tr("error.network"), unexpected: (status) => tr("error.unexpected", { status }) });
    } catch (err) {
      const body = toApiErrorBody(err);
      const explained = explainApiError(body, options);
      setError(explained.error);
      setFieldErrors(explained.fieldErrors);
      inFlight.current = false;
      setPending(false);
      options.onError?.(body, explained.fieldErrors);
      return undefined;
    }
    if (!options.keepPendingOnSuccess) {
      inFlight.current = false;
      setPending(false);
    }
    options.onSuccess?.(data);
    return data;
  }

  return { run, pending, error, fieldErrors, setError, setFieldErrors };
}
