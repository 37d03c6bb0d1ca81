"use client";

import { useEffect, useRef, useState } from "react";
import { apiFetch, type ApiErrorBody } from "@/components/api/fetch-json";
import { toApiErrorBody } from "@/components/api/explain-api-error";
import { useI18n } from "@/components/i18n/I18nProvider";
import type { FinetuneBody } from "./form-state";

export type PlanIssue = { field: string; code: string; message: string };
export type FinetunePlan = {
  errors: PlanIssue[];
  warnings: PlanIssue[];
  yaml: string;
  deepspeed: unknown;
  memory: { perDeviceGiB: number; terms: { name: string; gib: number; formula: string }[]; freeGiB: number | null; fits: boolean | null } | null;
};

/** Quiet time after the last change before the server is asked: typing "1e-4" is one check, not four. */
export const CHECK_DEBOUNCE_MS = 400;

/**
 * The server's verdict on the current body (null body = the form has problems of its own; nothing
 * is sent). Answers that arrive after a newer request went out are dropped, so a slow check never
 * overwrites a fresher one.
 */
export function usePlanCheck(modelId: string, body: FinetuneBody | null) {
  const { tr } = useI18n();
  const [plan, setPlan] = useState<FinetunePlan | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [checking, setChecking] = useState(false);
  const seq = useRef(0);
  const key = body ? JSON.stringify(body) : null;

  useEffect(() => {
    const mine = ++seq.current;
    if (key === null) {
      setChecking(false);
      return;
    }
    setChecking(true);
    const timer = setTimeout(async () => {
      try {
        const res = await apiFetch<FinetunePlan>(`/api/v1/models/${modelId}/finetune/check`, { method: "POST", body: JSON.parse(key) }, { network: tr("error.network"), unexpected: (status) => tr("error.unexpected", { status }) });
        if (mine !== seq.current) return;
        setPlan(res);
        setError(null);
      } catch (err) {
        if (mine !== seq.current) return;
        // An old plan next to a refusal would show errors and YAML of a body no longer on screen.
        setPlan(null);
        setError(toApiErrorBody(err));
      }
      setChecking(false);
    }, CHECK_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key, modelId, tr]);

  return { plan, error, checking };
}
