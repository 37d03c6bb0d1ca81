"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useApiAction } from "@/components/api/use-api-action";
import { useI18n } from "@/components/i18n/I18nProvider";
import { ApiErrorBox } from "@/components/ui/ApiErrorBox";
import { Button } from "@/components/ui/Button";
import { TextField } from "@/components/ui/TextField";
import { useHydrated } from "@/components/ui/use-hydrated";
import { safeNext } from "@/lib/auth/safe-next";
import { throttledMessage } from "./throttled-message";

/** Email + password; Enter submits; the API's message and hint show above the button. */
export function LoginForm({ next = "/" }: { next?: string }) {
  const { tr } = useI18n();
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  // Until React runs, the submit button stays disabled so Enter cannot post the password natively.
  const hydrated = useHydrated();
  const signIn = useApiAction({
    keepPendingOnSuccess: true,
    // A 429 becomes "locked, try again in …" in the user's language.
    mapError: (err) => throttledMessage(err, tr) ?? err,
    onSuccess: () => {
      // The page already checked `next`; checking here too keeps the form safe wherever it is used.
      router.push(safeNext(next));
      router.refresh();
    },
  });
  const { pending, error } = signIn;

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    void signIn.run("/api/auth/login", { method: "POST", body: { email: email.trim(), password } });
  }

  return (
    <form method="post" onSubmit={onSubmit} className="space-y-4" data-testid="login-form" data-ready={hydrated ? "true" : "false"} noValidate>
      <TextField id="login-email" label={tr("login.email")} name="email" type="email" autoComplete="username" autoFocus required value={email} onChange={(e) => setEmail(e.target.value)} inputClassName="h-9" />
      <TextField
        id="login-password"
        label={tr("login.password")}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        inputClassName="h-9"
      />
      {error ? <ApiErrorBox error={error} testId="login-error" /> : null}
      <Button type="submit" variant="primary" className="h-9 w-full" disabled={pending || !hydrated} data-testid="login-submit">
        {pending ? tr("login.submitting") : tr("login.submit")}
      </Button>
    </form>
  );
}
