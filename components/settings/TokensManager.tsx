"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useApiAction } from "@/components/api/use-api-action";
import { useI18n } from "@/components/i18n/I18nProvider";
import { Button } from "@/components/ui/Button";
import { CopyButton } from "@/components/ui/CopyButton";
import { EmptyState } from "@/components/ui/EmptyState";
import { CreateTokenForm } from "./CreateTokenForm";
import { KeyIcon } from "@/components/ui/icons";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/Table";
import { DateTime, RelativeTime } from "@/components/ui/Time";

export type TokenRow = { id: string; name: string; kind: "PERSONAL" | "WORKER"; prefix: string; createdAt: Date; lastUsedAt: Date | null };

/** Personal API tokens: create (secret shown once, with a curl example), list, revoke. */
export function TokensManager({ tokens, workerTokens }: { tokens: TokenRow[]; workerTokens: TokenRow[] }) {
  const { tr } = useI18n();
  const router = useRouter();
  const [created, setCreated] = useState<{ secret: string; origin: string } | null>(null);

  const curl = created ? `curl -H "Authorization: Bearer ${created.secret}" ${created.origin}/api/v1/jobs` : "";

  return (
    <div className="space-y-6">
      <section className="rounded-lg border border-zinc-200 bg-white p-4 shadow-xs">
        <CreateTokenForm
          id="token"
          testId="token-form"
          url="/api/v1/tokens"
          texts="tokens"
          onCreated={(secret) => {
            setCreated({ secret, origin: window.location.origin });
            router.refresh();
          }}
        />
        {created ? (
          <div className="mt-4 rounded-md border border-amber-200 bg-amber-50/60 p-3" data-testid="token-secret-box">
            <div className="flex items-center justify-between gap-2">
              <h3 className="text-sm font-semibold text-zinc-900">{tr("tokens.secretTitle")}</h3>
              <Button size="sm" variant="ghost" onClick={() => setCreated(null)}>{tr("tokens.done")}</Button>
            </div>
            <p className="mt-0.5 text-xs font-medium text-amber-900">{tr("tokens.secretOnce")}</p>
            <div className="mt-2 flex items-start gap-2">
              <code data-testid="token-secret" className="min-w-0 flex-1 break-all rounded-md bg-white px-3 py-2 font-mono text-xs text-zinc-900 ring-1 ring-zinc-200">
                {created.secret}
              </code>
              <CopyButton text={created.secret} testId="copy-token-secret" />
            </div>
            <p className="mt-3 text-xs text-zinc-600">{tr("tokens.curlExample")}</p>
            <div className="mt-1 flex items-start gap-2">
              <pre data-testid="token-curl" className="min-w-0 flex-1 overflow-x-auto rounded-md bg-zinc-950 px-3 py-2 text-xs text-zinc-100">{curl}</pre>
              <CopyButton text={curl} />
            </div>
          </div>
        ) : null}
      </section>

      {tokens.length === 0 ? (
        <EmptyState testId="tokens-empty" icon={<KeyIcon className="size-5" />} title={tr("tokens.empty")} body={tr("tokens.emptyBody")} />
      ) : (
        <TokenTable rows={tokens} />
      )}

      {workerTokens.length > 0 ? (
        <section>
          <h2 className="text-sm font-semibold text-zinc-900">{tr("tokens.workerTitle")}</h2>
          <p className="mb-2 mt-0.5 text-xs text-zinc-500">{tr("tokens.workerBody")}</p>
          <TokenTable rows={workerTokens} />
        </section>
      ) : null}
    </div>
  );
}

function TokenTable({ rows }: { rows: TokenRow[] }) {
  const { tr } = useI18n();
  return (
    <Table data-testid="tokens-table">
      <THead>
        <tr>
          <Th>{tr("tokens.colName")}</Th>
          <Th>{tr("tokens.colPrefix")}</Th>
          <Th>{tr("tokens.colCreated")}</Th>
          <Th>{tr("tokens.colLastUsed")}</Th>
          <Th className="text-right">
            <span className="sr-only">{tr("common.actions")}</span>
          </Th>
        </tr>
      </THead>
      <TBody>
        {rows.map((t) => (
          <Tr key={t.id} data-testid="token-row" data-token-id={t.id} data-kind={t.kind}>
            <Td className="font-medium text-zinc-900">{t.name}</Td>
            <Td><code className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-700">{t.prefix}…</code></Td>
            <Td className="whitespace-nowrap text-zinc-600"><DateTime date={t.createdAt} /></Td>
            <Td className="whitespace-nowrap text-zinc-600">{t.lastUsedAt ? <RelativeTime date={t.lastUsedAt} /> : <span className="text-zinc-400">{tr("tokens.never")}</span>}</Td>
            <Td className="text-right"><RevokeButton id={t.id} /></Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

function RevokeButton({ id }: { id: string }) {
  const { tr } = useI18n();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  // The row leaves the table on refresh, so the button stays pending until then.
  const revoke = useApiAction({ keepPendingOnSuccess: true, onSuccess: () => router.refresh(), onError: () => setConfirming(false) });
  const { pending, error } = revoke;

  return (
    <div className="inline-flex flex-col items-end gap-1">
      {!confirming && !pending ? (
        <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50 hover:text-red-800" onClick={() => setConfirming(true)} data-testid="token-revoke">
          {tr("tokens.revoke")}
        </Button>
      ) : (
        <span className="inline-flex items-center gap-1.5">
          <span className="text-xs text-zinc-600">{tr("tokens.revokeConfirm")}</span>
          <Button size="sm" variant="ghost" onClick={() => setConfirming(false)} disabled={pending}>{tr("common.cancel")}</Button>
          <Button size="sm" variant="danger" onClick={() => void revoke.run(`/api/v1/tokens/${encodeURIComponent(id)}`, { method: "DELETE" })} disabled={pending} data-testid="token-revoke-confirm" autoFocus>
            {pending ? tr("tokens.revoking") : tr("tokens.revoke")}
          </Button>
        </span>
      )}
      {error ? <span className="text-xs text-red-700">{error.message}</span> : null}
    </div>
  );
}
