import Form from "next/form";
import Link from "next/link";
import { labelOr, type Translate } from "@/lib/i18n";
import { Button, buttonClass } from "@/components/ui/Button";
import { filterSelectClass } from "@/components/ui/field";
import { SearchBox } from "@/components/ui/SearchBox";

export const MODEL_KINDS = ["HF_MODEL", "GGUF", "LORA_ADAPTER"] as const;

export function ModelFilters({ values, hosts, tr }: { values: { kind?: string; hostId?: string; q?: string }; hosts: { id: string; name: string }[]; tr: Translate }) {
  const any = Boolean(values.kind || values.hostId || values.q);
  return (
    <Form action="/models" data-testid="model-filters" className="mb-4 flex flex-wrap items-end gap-2">
      <SearchBox id="models-q" label={tr("common.search")} placeholder={tr("models.searchPlaceholder")} defaultValue={values.q} />
      <label className="sr-only" htmlFor="models-kind">{tr("models.filterKind")}</label>
      <select id="models-kind" name="kind" defaultValue={values.kind ?? ""} className={filterSelectClass} data-testid="filter-kind">
        <option value="">{tr("models.filterKind")}: {tr("common.all")}</option>
        {MODEL_KINDS.map((k) => (
          <option key={k} value={k}>{labelOr(tr, `modelKind.${k}`, k)}</option>
        ))}
      </select>
      {hosts.length > 1 || values.hostId ? (
        <>
          <label className="sr-only" htmlFor="models-host">{tr("common.host")}</label>
          <select id="models-host" name="hostId" defaultValue={values.hostId ?? ""} className={filterSelectClass} data-testid="filter-host">
            <option value="">{tr("common.host")}: {tr("common.all")}</option>
            {hosts.map((h) => (
              <option key={h.id} value={h.id}>{h.name}</option>
            ))}
          </select>
        </>
      ) : null}
      <Button type="submit" variant="secondary" data-testid="filter-submit">{tr("common.filter")}</Button>
      {any ? <Link href="/models" className={buttonClass("ghost", "md")}>{tr("common.clear")}</Link> : null}
    </Form>
  );
}
