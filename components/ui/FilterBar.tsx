import Form from "next/form";
import Link from "next/link";
import type { ReactNode } from "react";
import type { Translate } from "@/lib/i18n";
import { Button, buttonClass } from "./Button";
import { filterSelectClass } from "./field";
import { SearchBox } from "./SearchBox";

/**
 * GET form of a list page: search, the list's selects, Filter, and Clear while any filter is
 * set. Filters live in the URL, so a filtered view can be bookmarked and shared.
 */
export function FilterBar({ action, testId, search, active, tr, children }: {
  /** The list's own path; Clear links back to it. */
  action: string;
  testId: string;
  search: { id: string; placeholder: string; value?: string };
  active: boolean;
  tr: Translate;
  children: ReactNode;
}) {
  return (
    <Form action={action} data-testid={testId} className="mb-4 flex flex-wrap items-end gap-2">
      <SearchBox id={search.id} label={tr("common.search")} placeholder={search.placeholder} defaultValue={search.value} />
      {children}
      <Button type="submit" variant="secondary" data-testid="filter-submit">{tr("common.filter")}</Button>
      {active ? <Link href={action} className={buttonClass("ghost", "md")}>{tr("common.clear")}</Link> : null}
    </Form>
  );
}

/** One select of a FilterBar; its empty option reads "<label>: All". */
export function FilterSelect({ id, name, label, value, options, testId, tr }: {
  id: string;
  name: string;
  label: string;
  value?: string;
  options: readonly { value: string; label: string }[];
  testId: string;
  tr: Translate;
}) {
  return (
    <>
      <label className="sr-only" htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""} className={filterSelectClass} data-testid={testId}>
        <option value="">{label}: {tr("common.all")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </>
  );
}
