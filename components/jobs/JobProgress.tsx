import { ProgressBar } from "@/components/ui/ProgressBar";
import { statusStyle } from "./status-style";

/** Progress bar coloured by status; unknown progress shows a moving stripe while the job runs. */
export function JobProgress({ status, progress, label, size = "xs", showPercent, testId, className }: {
  status: string;
  progress: number | null;
  label?: string | null;
  size?: "xs" | "sm" | "md";
  showPercent?: boolean;
  testId?: string;
  className?: string;
}) {
  const s = statusStyle(status);
  const value = status === "SUCCEEDED" ? 1 : progress;
  return (
    <ProgressBar
      value={value}
      label={label}
      showPercent={showPercent}
      barClass={s.bar}
      active={status === "RUNNING"}
      size={size}
      testId={testId}
      className={className}
    />
  );
}
