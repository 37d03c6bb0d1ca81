"use client";

import { useRouter } from "next/navigation";
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, useTransition } from "react";
import { useI18n } from "@/components/i18n/I18nProvider";
import { CopyButton } from "@/components/ui/CopyButton";
import { cn } from "@/components/ui/cn";
import { formatTime } from "@/lib/i18n/format";
import { labelOr } from "@/lib/i18n";
import { LIVE_LOG_MAX_LINES } from "./live-log-limits";

const FLUSH_MS = 100;
const PROGRESS_REFRESH_MS = 1_500;

type Stream = "stdout" | "stderr" | "system" | "status";
type LogLine = { seq: number; at: string; stream: Stream; line: string };
type Conn = "connecting" | "live" | "reconnecting" | "ended" | "closed";

type Props = {
  jobId: string;
  /** Start the stream after this seq (0 = from the start); the page passes eventSeq - max for long logs. */
  initialAfter?: number;
  /** The job's eventSeq when the server rendered the page: older status/progress events need no refresh. */
  renderedSeq?: number;
  /** Whether the job was queued/running at render: only then does `end` mean the page is stale. */
  active?: boolean;
  maxLines?: number;
  className?: string;
};

function parse(data: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(data);
    return v && typeof v === "object" ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const STREAM_CLASS: Record<Stream, string> = {
  stdout: "text-zinc-200",
  stderr: "text-amber-200/90",
  system: "text-sky-300",
  status: "text-violet-300 font-semibold",
};

const Line = memo(function Line({ l, lang }: { l: LogLine; lang: "en" | "zh" }) {
  return (
    <div data-testid="log-line" data-seq={l.seq} data-stream={l.stream} className="flex gap-3 px-3 hover:bg-white/[0.04]">
      <span className="w-16 shrink-0 select-none text-zinc-600 tabular-nums">{formatTime(l.at, lang)}</span>
      <span className={cn("min-w-0 flex-1 whitespace-pre-wrap break-all", STREAM_CLASS[l.stream])}>{l.line || "\u00a0"}</span>
    </div>
  );
});

/**
 * Live job log over Server-Sent Events (`/api/v1/jobs/:id/events`). The browser resumes with
 * Last-Event-ID after a drop; seqs already shown are skipped. On `status` and `end` the
 * server-rendered parts of the page are refreshed; the stream is never trusted alone.
 */
export function LiveLog({ jobId, initialAfter = 0, renderedSeq = 0, active = true, maxLines = LIVE_LOG_MAX_LINES, className }: Props) {
  const { tr, lang } = useI18n();
  const router = useRouter();
  // Fixed at mount: a refresh re-renders the page with a newer eventSeq, which must not restart the stream.
  const [startAfter] = useState(initialAfter);
  const [view, setView] = useState<{ lines: LogLine[]; dropped: number }>({ lines: [], dropped: 0 });
  const [conn, setConn] = useState<Conn>("connecting");
  const [follow, setFollow] = useState(true);
  const scroller = useRef<HTMLDivElement>(null);
  const pending = useRef<LogLine[]>([]);
  const lastSeq = useRef(startAfter);
  const flushTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastProgressRefresh = useRef(0);
  const progressTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // router.refresh() inside a transition: `refreshing` stays true until the new server render commits.
  const [refreshing, startTransition] = useTransition();
  const refreshingRef = useRef(false);
  refreshingRef.current = refreshing;
  const refresh = useCallback(() => startTransition(() => router.refresh()), [router]);
  // Latest render's view of the job (props change on every refresh; the stream must not restart).
  const rendered = useRef({ seq: renderedSeq, active });
  rendered.current = { seq: renderedSeq, active };

  const flush = useCallback(() => {
    flushTimer.current = undefined;
    const batch = pending.current;
    if (batch.length === 0) return;
    pending.current = [];
    setView((prev) => {
      const all = prev.lines.length === 0 ? batch : prev.lines.concat(batch);
      const over = all.length - maxLines;
      return over > 0 ? { lines: all.slice(over), dropped: prev.dropped + over } : { lines: all, dropped: prev.dropped };
    });
  }, [maxLines]);

  const push = useCallback(
    (l: LogLine) => {
      pending.current.push(l);
      // Keep the buffer itself bounded during huge bursts between flushes.
      if (pending.current.length > maxLines * 2) {
        const extra = pending.current.length - maxLines;
        pending.current = pending.current.slice(extra);
        setView((prev) => ({ lines: [], dropped: prev.dropped + prev.lines.length + extra }));
      }
      if (!flushTimer.current) flushTimer.current = setTimeout(flush, FLUSH_MS);
    },
    [flush, maxLines],
  );

  useEffect(() => {
    const es = new EventSource(`/api/v1/jobs/${encodeURIComponent(jobId)}/events${startAfter > 0 ? `?after=${startAfter}` : ""}`);
    let finished = false;
    const fresh = (e: MessageEvent): Record<string, unknown> | null => {
      const d = parse(e.data);
      if (!d) return null;
      const seq = typeof d.seq === "number" ? d.seq : Number(e.lastEventId);
      if (Number.isFinite(seq)) {
        if (seq <= lastSeq.current) return null;
        lastSeq.current = seq;
      }
      return d;
    };
    const at = (d: Record<string, unknown>) => (typeof d.at === "string" ? d.at : new Date().toISOString());

    es.onopen = () => setConn("live");
    es.addEventListener("log", (e) => {
      const d = fresh(e as MessageEvent);
      if (!d) return;
      const stream = d.stream === "stderr" || d.stream === "system" ? d.stream : "stdout";
      push({ seq: Number(d.seq), at: at(d), stream, line: typeof d.line === "string" ? d.line : String(d.line ?? "") });
    });
    es.addEventListener("status", (e) => {
      const d = fresh(e as MessageEvent);
      if (!d) return;
      const status = String(d.status ?? "");
      const failure = d.failure && typeof d.failure === "object" ? (d.failure as { message?: unknown }) : null;
      const text = tr("log.statusChange", { status: labelOr(tr, `status.${status}`, status) }) + (failure?.message ? `: ${String(failure.message)}` : "");
      push({ seq: Number(d.seq), at: at(d), stream: "status", line: text });
      // Replayed history is already in the server render; only a newer change makes it stale.
      if (Number(d.seq) > rendered.current.seq) refresh();
    });
    es.addEventListener("progress", (e) => {
      const d = fresh(e as MessageEvent);
      if (!d || Number(d.seq) <= rendered.current.seq) return;
      // Progress can arrive many times a second; refresh the server-rendered bar at a calm pace.
      const wait = lastProgressRefresh.current + PROGRESS_REFRESH_MS - Date.now();
      if (progressTimer.current) return;
      progressTimer.current = setTimeout(
        () => {
          progressTimer.current = undefined;
          // A slow server render is still running: skip; the next progress event (or status/end) catches up.
          if (refreshingRef.current) return;
          lastProgressRefresh.current = Date.now();
          refresh();
        },
        Math.max(0, wait),
      );
    });
    es.addEventListener("end", () => {
      finished = true;
      es.close();
      setConn("ended");
      flush();
      if (rendered.current.active) refresh();
    });
    es.onerror = () => {
      if (finished) return;
      // CLOSED: the server refused (401/404 JSON instead of a stream); otherwise the browser retries.
      setConn(es.readyState === EventSource.CLOSED ? "closed" : "reconnecting");
    };
    return () => {
      finished = true;
      es.close();
      clearTimeout(flushTimer.current);
      flushTimer.current = undefined;
      clearTimeout(progressTimer.current);
      progressTimer.current = undefined;
    };
    // tr changes with the language; the stream must not restart for that.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jobId, startAfter, push, flush, refresh]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (follow && el) el.scrollTop = el.scrollHeight;
  }, [view, follow]);

  function onScroll() {
    const el = scroller.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
    if (!atBottom && follow) setFollow(false);
    else if (atBottom && !follow) setFollow(true);
  }

  const connLabel: Record<Conn, string> = {
    connecting: tr("log.connecting"),
    live: tr("log.live"),
    reconnecting: tr("log.reconnecting"),
    ended: tr("log.ended"),
    closed: tr("log.closed"),
  };
  const connDot: Record<Conn, string> = {
    connecting: "bg-zinc-400",
    live: "bg-emerald-500",
    reconnecting: "bg-amber-500",
    ended: "bg-zinc-400",
    closed: "bg-red-500",
  };

  return (
    <section className={cn("self-start overflow-hidden rounded-lg border border-zinc-800 bg-zinc-950 shadow-xs", className)}>
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-zinc-800 bg-zinc-900 px-3 py-2">
        <div className="flex items-center gap-3 text-xs">
          <h2 className="font-semibold text-zinc-100">{tr("job.log")}</h2>
          <span data-testid="live-log-state" data-state={conn} className="inline-flex items-center gap-1.5 text-zinc-400">
            <span className={cn("inline-block size-1.5 rounded-full", connDot[conn])} />
            {connLabel[conn]}
          </span>
          <span className="tabular-nums text-zinc-500">{tr("log.lines", { count: view.lines.length + view.dropped })}</span>
        </div>
        <div className="flex items-center gap-2">
          <label className="inline-flex cursor-pointer select-none items-center gap-1.5 text-xs text-zinc-300">
            <input
              type="checkbox"
              data-testid="log-follow"
              checked={follow}
              onChange={(e) => setFollow(e.target.checked)}
              className="size-3.5 rounded border-zinc-600 accent-accent-500"
            />
            {tr("log.follow")}
          </label>
          <CopyButton
            text={() => view.lines.filter((l) => l.stream !== "status").map((l) => l.line).join("\n")}
            label={tr("log.copy")}
            size="sm"
            variant="ghostDark"
            testId="log-copy"
          />
        </div>
      </div>
      {startAfter > 0 ? (
        <div className="border-b border-zinc-800 bg-zinc-900/60 px-3 py-1.5 text-xs text-zinc-400">{tr("log.skipped", { count: startAfter })}</div>
      ) : null}
      {view.dropped > 0 ? (
        <div data-testid="log-dropped" data-dropped={view.dropped} className="border-b border-zinc-800 bg-amber-500/10 px-3 py-1.5 text-xs text-amber-200">
          {tr("log.dropped", { count: view.dropped, max: maxLines })}
        </div>
      ) : null}
      <div
        ref={scroller}
        onScroll={onScroll}
        data-testid="live-log"
        data-state={conn}
        role="log"
        aria-live="off"
        tabIndex={0}
        className="h-[max(28rem,calc(100dvh-22rem))] overflow-auto py-2 font-mono text-xs leading-5 focus:outline-none"
      >
        {view.lines.length === 0 ? (
          <div className="px-3 text-zinc-500">{conn === "connecting" ? tr("log.connecting") : tr("log.empty")}</div>
        ) : (
          view.lines.map((l) => <Line key={l.seq} l={l} lang={lang} />)
        )}
      </div>
    </section>
  );
}
