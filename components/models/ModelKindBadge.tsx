import { Badge, type BadgeTone } from "@/components/ui/Badge";
import { labelOr, type Translate } from "@/lib/i18n";

const TONES: Record<string, BadgeTone> = { HF_MODEL: "accent", GGUF: "teal", LORA_ADAPTER: "violet" };

export function ModelKindBadge({ kind, tr }: { kind: string; tr: Translate }) {
  return (
    <Badge tone={TONES[kind] ?? "gray"} data-kind={kind} className="rounded-md">
      {labelOr(tr, `modelKind.${kind}`, kind)}
    </Badge>
  );
}
