import type { ReactNode } from "react";
import { labelClass, selectClass } from "@/components/ui/field";
import { FieldError } from "@/components/ui/FieldError";
import { TextField } from "@/components/ui/TextField";

/** What every training field gets: its LF key is shown too, so a YAML user finds the field. */
export type ArgFieldProps = { id: string; label: string; lfKey: string; error?: string; warning?: string; help?: ReactNode };

function Label({ label, lfKey }: { label: string; lfKey: string }) {
  return (
    <>
      {label} <code className="ml-1 font-mono text-[11px] font-normal text-zinc-400">{lfKey}</code>
    </>
  );
}

function Notes({ id, help, warning }: { id: string; help?: ReactNode; warning?: string }) {
  if (!help && !warning) return null;
  return (
    <>
      {warning ? <span className="block font-medium text-amber-700" data-testid={`${id}-warning`}>{warning}</span> : null}
      {help ? <span className="block">{help}</span> : null}
    </>
  );
}

/** Numbers are typed as text: "1e-4" is how LF users write a learning rate. */
export function ArgInput({ id, label, lfKey, error, warning, help, value, onChange, placeholder, list, mono }: ArgFieldProps & { value: string; onChange: (v: string) => void; placeholder?: string; list?: string; mono?: boolean }) {
  return (
    <TextField
      id={id}
      label={<Label label={label} lfKey={lfKey} />}
      help={help || warning ? <Notes id={id} help={help} warning={warning} /> : undefined}
      error={error}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      placeholder={placeholder}
      list={list}
      inputMode={mono ? undefined : "decimal"}
      autoComplete="off"
      spellCheck={false}
      inputClassName={mono ? "font-mono text-[13px]" : "tabular-nums"}
    />
  );
}

export function ArgSelect({ id, label, lfKey, error, warning, help, value, onChange, options }: ArgFieldProps & { value: string; onChange: (v: string) => void; options: readonly { value: string; label: string }[] }) {
  const describedBy = [error ? `${id}-error` : null, help || warning ? `${id}-help` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className={labelClass}><Label label={label} lfKey={lfKey} /></label>
      <select id={id} data-testid={id} value={value} onChange={(e) => onChange(e.target.value)} className={selectClass} aria-invalid={error ? true : undefined} aria-describedby={describedBy}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
      <FieldError id={`${id}-error`} message={error} />
      {help || warning ? <div id={`${id}-help`} className="mt-1.5 text-xs text-zinc-500"><Notes id={id} help={help} warning={warning} /></div> : null}
    </div>
  );
}

export function ArgToggle({ id, label, lfKey, error, warning, help, checked, onChange }: ArgFieldProps & { checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <div>
      <label className="flex items-center gap-2 text-sm font-medium text-zinc-800">
        <input id={id} data-testid={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={help || warning ? `${id}-help` : undefined} />
        <span className="text-xs"><Label label={label} lfKey={lfKey} /></span>
      </label>
      <FieldError id={`${id}-error`} message={error} />
      {help || warning ? <div id={`${id}-help`} className="mt-1 text-xs text-zinc-500"><Notes id={id} help={help} warning={warning} /></div> : null}
    </div>
  );
}

/** One LlamaBoard-style group of fields. */
export function Group({ legend, children, testId }: { legend: string; children: ReactNode; testId?: string }) {
  return (
    <fieldset className="rounded-md border border-zinc-200 px-3 pb-3 pt-1" data-testid={testId}>
      <legend className="px-1 text-xs font-semibold uppercase tracking-wide text-zinc-600">{legend}</legend>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">{children}</div>
    </fieldset>
  );
}

export const options = (values: readonly string[], label: (v: string) => string = (v) => v) => values.map((value) => ({ value, label: label(value) }));
