import { Badge } from "@/components/ui/Badge";
import { labelOr, type Translate } from "@/lib/i18n";
import { statusStyle } from "./status-style";

/** Status pill. `data-status` carries the raw enum so tests do not depend on the UI language. */
export function JobStatusBadge({ status, tr, testId = "job-status" }: { status: string; tr: Translate; testId?: string }) {
  const s = statusStyle(status);
  return (
    <Badge colorClass={s.badge} dot={s.dot} pulse={status === "RUNNING"} data-testid={testId} data-status={status}>
      {labelOr(tr, `status.${status}`, status)}
    </Badge>
  );
}
