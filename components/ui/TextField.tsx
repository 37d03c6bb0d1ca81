import type { InputHTMLAttributes, ReactNode } from "react";
import { cn } from "./cn";
import { inputClass, labelClass } from "./field";
import { FieldError } from "./FieldError";

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className"> & {
  /** Also the test id; the help and error get `<id>-help` and `<id>-error`. */
  id: string;
  label: ReactNode;
  help?: ReactNode;
  error?: string;
  className?: string;
  inputClassName?: string;
  /** Beside the input (a "Browse…" button), outside the label so it stays its own control. */
  action?: ReactNode;
};

/** Label, input, help and the field's error, tied together for screen readers. */
export function TextField({ id, label, help, error, className, inputClassName, action, ...input }: Props) {
  const describedBy = [error ? `${id}-error` : null, help ? `${id}-help` : null].filter(Boolean).join(" ") || undefined;
  const field = (
    <input
      id={id}
      data-testid={id}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy}
      className={cn(inputClass, inputClassName)}
      {...input}
    />
  );
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass}>{label}</label>
      {action ? <div className="flex items-start gap-2">{field}{action}</div> : field}
      <FieldError id={`${id}-error`} message={error} />
      {help ? <div id={`${id}-help`} className="mt-1.5 text-xs text-zinc-500">{help}</div> : null}
    </div>
  );
}
