import Link from "next/link";
import type { ReactNode } from "react";
import type { listHosts } from "@/lib/hosts/queries";
import type { Translate } from "@/lib/i18n";
import { formatBytes, formatMiB } from "@/lib/i18n/format";
import { Badge } from "@/components/ui/Badge";
import { cn } from "@/components/ui/cn";
import { GpuIcon } from "@/components/ui/icons";
import { ProgressBar, UsageBar } from "@/components/ui/ProgressBar";
import { RelativeTime } from "@/components/ui/Time";
import { readGpus, readSystem, readTools } from "./host-info";

export type HostItem = Awaited<ReturnType<typeof listHosts>>[number];

function Section({ title, children, className }: { title: string; children: ReactNode; className?: string }) {
  return (
    <section className={cn("px-4 py-3", className)}>
      <h3 className="mb-2 text-[11px] font-semibold uppercase tracking-wide text-zinc-400">{title}</h3>
      {children}
    </section>
  );
}

/** Splits a translated sentence around a placeholder so a live component can sit inside it. */
function around(tr: Translate, key: "hosts.lastHeartbeat"): [string, string] {
  const marker = "\u0000";
  const [before, after = ""] = tr(key, { ago: marker }).split(marker);
  return [before, after];
}

export function HostCard({ host, tr, linkTitle = true }: { host: HostItem; tr: Translate; linkTitle?: boolean }) {
  const sys = readSystem(host.system);
  const gpus = readGpus(host.gpus);
  const tools = readTools(host.tools);
  const [hbBefore, hbAfter] = around(tr, "hosts.lastHeartbeat");
  const memUsed = sys.memTotalBytes !== null && sys.memFreeBytes !== null ? sys.memTotalBytes - sys.memFreeBytes : null;

  return (
    <article
      data-testid="host-card"
      data-host-id={host.id}
      data-online={host.online ? "true" : "false"}
      className={cn("flex flex-col divide-y divide-zinc-100 rounded-lg border bg-white shadow-xs", host.online ? "border-zinc-200" : "border-zinc-200 opacity-[0.92]")}
    >
      <header className="flex flex-wrap items-start justify-between gap-2 px-4 py-3">
        <div className="min-w-0">
          <h2 className="truncate text-[15px] font-semibold text-zinc-900">
            {linkTitle ? (
              <Link href={`/hosts/${host.id}`} className="hover:text-accent-700 hover:underline">{host.name}</Link>
            ) : (
              host.name
            )}
          </h2>
          <p className="mt-0.5 text-xs text-zinc-500" data-testid="host-heartbeat">
            {host.lastHeartbeatAt ? (
              <>
                {hbBefore}
                <RelativeTime date={host.lastHeartbeatAt} />
                {hbAfter}
              </>
            ) : (
              tr("hosts.neverSeen")
            )}
          </p>
        </div>
        <Badge tone={host.online ? "green" : "gray"} dot pulse={host.online} data-testid="host-status" data-online={host.online ? "true" : "false"}>
          {host.online ? tr("common.online") : tr("common.offline")}
        </Badge>
      </header>

      {host.labels.length > 0 ? (
        <div className="flex flex-wrap gap-1.5 px-4 py-2.5" aria-label={tr("hosts.labels")}>
          {host.labels.map((l) => (
            <span key={l} className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-[11px] text-zinc-600">{l}</span>
          ))}
        </div>
      ) : null}

      <div className="grid gap-0 divide-zinc-100 sm:grid-cols-2 sm:divide-x">
        <Section title={tr("hosts.cpu")}>
          <p className="truncate text-sm text-zinc-800" title={sys.cpuModel ?? undefined}>{sys.cpuModel ?? tr("common.unknown")}</p>
          <p className="text-xs text-zinc-500">
            {sys.cpuCount !== null ? tr("hosts.cores", { count: sys.cpuCount }) : "—"}
            {sys.loadAvg.length > 0 ? ` · ${tr("hosts.load", { load: sys.loadAvg.slice(0, 3).map((x) => x.toFixed(2)).join(" ") })}` : ""}
          </p>
        </Section>
        <Section title={tr("hosts.memory")}>
          {memUsed !== null && sys.memTotalBytes ? (
            <UsageBar used={memUsed} total={sys.memTotalBytes} detail={tr("hosts.usedOfTotal", { used: formatBytes(memUsed), total: formatBytes(sys.memTotalBytes) })} />
          ) : (
            <p className="text-sm text-zinc-400">—</p>
          )}
        </Section>
      </div>

      <Section title={tr("hosts.disks")}>
        {sys.disks.length > 0 ? (
          <div className="space-y-2.5">
            {sys.disks.map((d) => (
              <UsageBar
                key={d.root}
                label={d.root}
                used={Math.max(0, d.totalBytes - d.freeBytes)}
                total={d.totalBytes}
                detail={d.totalBytes > 0 ? tr("hosts.freeOfTotal", { free: formatBytes(d.freeBytes), total: formatBytes(d.totalBytes) }) : tr("hosts.diskUnknown")}
              />
            ))}
          </div>
        ) : host.storageRoots.length > 0 ? (
          <ul className="space-y-1">
            {host.storageRoots.map((r) => (
              <li key={r} className="font-mono text-xs text-zinc-700">{r}</li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-zinc-400">{tr("common.none")}</p>
        )}
      </Section>

      <Section title={tr("hosts.gpus")}>
        {gpus.length === 0 ? (
          <p className="inline-flex items-center gap-1.5 text-sm text-zinc-500" data-testid="host-no-gpu">
            <GpuIcon className="size-4 text-zinc-400" />
            {tr("hosts.noGpu")}
          </p>
        ) : (
          <ul className="space-y-2.5" data-testid="host-gpus">
            {gpus.map((g) => {
              const frac = g.memoryTotalMiB > 0 ? g.memoryUsedMiB / g.memoryTotalMiB : null;
              return (
                <li key={g.index} data-testid="host-gpu">
                  <div className="mb-1 flex items-baseline justify-between gap-2 text-xs">
                    <span className="truncate text-zinc-800">
                      <span className="mr-1.5 font-mono text-zinc-400">#{g.index}</span>
                      {g.name}
                    </span>
                    <span className="shrink-0 tabular-nums text-zinc-500">
                      {formatMiB(g.memoryUsedMiB)} / {formatMiB(g.memoryTotalMiB)} · {tr("hosts.gpuUtil", { pct: Math.round(g.utilizationPct) })}
                    </span>
                  </div>
                  <ProgressBar value={frac} barClass={frac !== null && frac >= 0.9 ? "bg-red-500" : "bg-emerald-500"} size="sm" ariaLabel={g.name} />
                </li>
              );
            })}
          </ul>
        )}
      </Section>

      <Section title={tr("hosts.tools")}>
        {tools.length === 0 ? (
          <p className="text-sm text-zinc-400">{tr("hosts.noTools")}</p>
        ) : (
          <table className="w-full text-xs" data-testid="host-tools">
            <thead className="sr-only">
              <tr>
                <th>{tr("hosts.toolName")}</th>
                <th>{tr("hosts.toolVersion")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {tools.map((t) => (
                <tr key={t.name} data-tool={t.name} data-available={t.available ? "true" : "false"}>
                  <td className="py-1 pr-2 font-mono text-zinc-700" title={t.path ?? undefined}>{t.name}</td>
                  <td className="py-1 text-right">
                    {t.available ? (
                      <span className="font-mono text-zinc-600" title={t.detail ?? t.path ?? undefined}>{t.version ?? "✓"}</span>
                    ) : (
                      <span className="text-zinc-400" title={t.detail ?? undefined}>{tr("hosts.toolMissing")}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <footer className="flex flex-wrap gap-x-4 gap-y-1 px-4 py-2.5 text-[11px] text-zinc-500">
        {host.workerVersion ? <span>{tr("hosts.worker")} v{host.workerVersion}</span> : null}
        {host.queues.length > 0 ? <span>{tr("hosts.queues")}: <span className="font-mono">{host.queues.join(", ")}</span></span> : null}
        <span>{tr("hosts.concurrency")}: {host.concurrency}</span>
        {sys.platform ? <span className="truncate" title={sys.platform}>{sys.platform}</span> : null}
      </footer>
    </article>
  );
}
