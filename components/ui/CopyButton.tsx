"use client";

import { useEffect, useRef, useState } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { buttonClass, type ButtonSize, type ButtonVariant } from "./Button";
import { copyText } from "./copy-text";
import { CheckIcon, CopyIcon } from "./icons";

type Props = {
  text: string | (() => string);
  label?: string;
  /** Icon only (label becomes the tooltip). */
  iconOnly?: boolean;
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
  testId?: string;
};

export function CopyButton({ text, label, iconOnly, variant = "secondary", size = "sm", className, testId }: Props) {
  const { tr } = useI18n();
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function onClick() {
    const ok = await copyText(typeof text === "function" ? text() : text);
    setState(ok ? "copied" : "failed");
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState("idle"), 1800);
  }

  const shown = state === "copied" ? tr("common.copied") : state === "failed" ? tr("common.copyFailed") : (label ?? tr("common.copy"));
  return (
    <button
      type="button"
      onClick={onClick}
      data-testid={testId}
      data-state={state}
      title={iconOnly ? shown : undefined}
      aria-label={iconOnly ? shown : undefined}
      className={buttonClass(variant, size, iconOnly ? `${className ?? ""} !px-1.5` : className)}
    >
      {state === "copied" ? <CheckIcon className="size-3.5 text-emerald-600" /> : <CopyIcon className="size-3.5" />}
      {iconOnly ? null : <span>{shown}</span>}
      <span className="sr-only" aria-live="polite">{state !== "idle" ? shown : ""}</span>
    </button>
  );
}
