import { Badge } from "@/components/ui/Badge";
import type { Translate } from "@/lib/i18n";
import type { CustomCode } from "@/lib/models/custom-code";

/** Header badge for a model whose folder carries Python code (auto_map, *.py). */
export function CustomCodeBadge({ tr }: { tr: Translate }) {
  return (
    <Badge tone="amber" className="rounded-md" data-testid="custom-code-badge">
      {tr("model.customCode")}
    </Badge>
  );
}

/** What the code is, so the user can read it before confirming a conversion. */
export function CustomCodeNotice({ code, tr }: { code: CustomCode; tr: Translate }) {
  return (
    <div className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="custom-code-notice">
      <h2 className="mb-1 text-xs font-semibold">{tr("model.customCode")}</h2>
      <p className="mb-1">{tr("model.customCodeHelp")}</p>
      <ul className="list-disc space-y-0.5 pl-5 font-mono text-xs">
        {[...code.pythonFiles, ...code.autoMap.map((a) => `auto_map: ${a}`)].map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ul>
    </div>
  );
}
