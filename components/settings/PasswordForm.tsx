"use client";

import { useState, type FormEvent } from "react";
import { useApiAction } from "@/components/api/use-api-action";
import { useI18n } from "@/components/i18n/I18nProvider";
import { throttledMessage } from "@/components/login/throttled-message";
import { ApiErrorBox } from "@/components/ui/ApiErrorBox";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/TextField";
import { useHydrated } from "@/components/ui/use-hydrated";

type Field = "current" | "next" | "confirm";
const FIELDS: readonly Field[] = ["current", "next", "confirm"];

function focusFirst(errs: Partial<Record<Field, string>>) {
  const first = FIELDS.find((f) => errs[f]);
  if (first) document.getElementById(`password-${first}`)?.focus();
}

/**
 * Current password, then the new one twice. Mistakes the browser can see (empty, too short,
 * not the same twice) are named next to their field before anything is sent; the server's
 * answer (wrong current password, account locked) shows above the button.
 */
export function PasswordForm({ email, minLength }: { email: string; minLength: number }) {
  const { tr } = useI18n();
  const hydrated = useHydrated();
  const [values, setValues] = useState<Record<Field, string>>({ current: "", next: "", confirm: "" });
  const [done, setDone] = useState(false);
  const change = useApiAction<unknown, Field>({
    fields: { currentPassword: "current", newPassword: "next" },
    fieldCodes: {
      wrong_current_password: { field: "current", message: tr("password.wrongCurrent") },
      password_unchanged: { field: "next", message: tr("password.same") },
    },
    mapError: (err) => throttledMessage(err, tr) ?? err,
    onError: (_err, fieldErrors) => focusFirst(fieldErrors),
    onSuccess: () => {
      setValues({ current: "", next: "", confirm: "" });
      setDone(true);
    },
  });
  const { pending, error, fieldErrors } = change;

  function validate(): Partial<Record<Field, string>> {
    const errs: Partial<Record<Field, string>> = {};
    if (!values.current) errs.current = tr("password.currentRequired");
    if (values.next.length < minLength) errs.next = tr("password.tooShort", { min: minLength });
    else if (values.next === values.current) errs.next = tr("password.same");
    if (!errs.next && values.confirm !== values.next) errs.confirm = tr("password.mismatch");
    return errs;
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending) return;
    setDone(false);
    change.setError(null);
    const errs = validate();
    change.setFieldErrors(errs);
    if (FIELDS.some((f) => errs[f])) return focusFirst(errs);
    void change.run("/api/v1/me/password", { method: "POST", body: { currentPassword: values.current, newPassword: values.next } });
  }

  const field = (name: Field, label: string, autoComplete: string, help?: string) => (
    <TextField
      id={`password-${name}`}
      label={label}
      help={help}
      error={fieldErrors[name]}
      name={name}
      type="password"
      autoComplete={autoComplete}
      required
      minLength={name === "current" ? undefined : minLength}
      value={values[name]}
      onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
      inputClassName="h-9"
    />
  );

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-sm space-y-4" data-testid="password-form" data-ready={hydrated ? "true" : "false"}>
      {/* Lets password managers tie the new password to the account. */}
      <input type="email" name="username" autoComplete="username" hidden readOnly value={email} />
      {field("current", tr("password.current"), "current-password")}
      {field("next", tr("password.new"), "new-password", tr("password.rule", { min: minLength }))}
      {field("confirm", tr("password.confirm"), "new-password")}
      {error ? <ApiErrorBox error={error} testId="password-error" /> : null}
      {done ? <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2.5 text-sm text-emerald-800" data-testid="password-done">{tr("password.done")}</p> : null}
      <Button type="submit" variant="primary" className="h-9" disabled={pending || !hydrated} data-testid="password-submit">
        {pending ? tr("password.submitting") : tr("password.submit")}
      </Button>
    </form>
  );
}
