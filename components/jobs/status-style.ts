import type { JobStatus } from "@/lib/db/generated/enums";
import type { MessageKey } from "@/lib/i18n";

/**
 * The one place that says how a job status looks (trigger.dev keeps this in one UI file too):
 * badge colours, dot, progress bar colour, and whether the status is still moving.
 */
export type StatusStyle = {
  labelKey: MessageKey;
  badge: string;
  dot: string;
  bar: string;
  text: string;
  active: boolean;
};

export const JOB_STATUS_STYLE: Record<JobStatus, StatusStyle> = {
  QUEUED: {
    labelKey: "status.QUEUED",
    badge: "bg-zinc-100 text-zinc-700 ring-zinc-300",
    dot: "bg-zinc-400",
    bar: "bg-zinc-400",
    text: "text-zinc-600",
    active: true,
  },
  RUNNING: {
    labelKey: "status.RUNNING",
    badge: "bg-blue-50 text-blue-700 ring-blue-200",
    dot: "bg-blue-500",
    bar: "bg-blue-500",
    text: "text-blue-700",
    active: true,
  },
  SUCCEEDED: {
    labelKey: "status.SUCCEEDED",
    badge: "bg-emerald-50 text-emerald-700 ring-emerald-200",
    dot: "bg-emerald-500",
    bar: "bg-emerald-500",
    text: "text-emerald-700",
    active: false,
  },
  FAILED: {
    labelKey: "status.FAILED",
    badge: "bg-red-50 text-red-700 ring-red-200",
    dot: "bg-red-500",
    bar: "bg-red-500",
    text: "text-red-700",
    active: false,
  },
  CANCELLED: {
    labelKey: "status.CANCELLED",
    badge: "bg-amber-50 text-amber-800 ring-amber-200",
    dot: "bg-amber-500",
    bar: "bg-amber-400",
    text: "text-amber-700",
    active: false,
  },
};

const UNKNOWN: StatusStyle = { ...JOB_STATUS_STYLE.QUEUED, active: false };

export function statusStyle(status: string): StatusStyle {
  return (JOB_STATUS_STYLE as Record<string, StatusStyle>)[status] ?? UNKNOWN;
}

export function isActiveStatus(status: string): boolean {
  return statusStyle(status).active;
}
