import { labelOr, type Translate } from "@/lib/i18n";

/** "model.import" → "Import model" / "导入模型"; unknown kinds show as they are. */
export function jobKindLabel(kind: string, tr: Translate): string {
  return labelOr(tr, `jobKind.${kind}`, kind);
}
