import Link from "next/link";
import type { LineageNode } from "@/lib/models/queries";
import type { Translate } from "@/lib/i18n";
import { formatBytes } from "@/lib/i18n/format";
import { cn } from "@/components/ui/cn";
import { ModelKindBadge } from "./ModelKindBadge";

/** base → adapter → merged → GGUF → quantized, as an indented tree with sizes; the current model is marked. */
export function LineageTree({ root, currentId, tr }: { root: LineageNode; currentId: string; tr: Translate }) {
  return (
    <ul data-testid="lineage-tree" className="text-sm">
      <Node node={root} currentId={currentId} tr={tr} depth={0} />
    </ul>
  );
}

function Node({ node, currentId, tr, depth }: { node: LineageNode; currentId: string; tr: Translate; depth: number }) {
  const current = node.id === currentId;
  return (
    <li className={cn(depth > 0 && "relative ml-4 border-l border-zinc-200 pl-4")}>
      {depth > 0 ? <span className="absolute left-0 top-4 h-px w-3 bg-zinc-200" aria-hidden /> : null}
      <div
        data-testid="lineage-node"
        data-model-id={node.id}
        aria-current={current ? "true" : undefined}
        className={cn("my-1 flex flex-wrap items-center gap-2 rounded-md px-2 py-1.5", current ? "bg-accent-50 ring-1 ring-accent-200" : "hover:bg-zinc-50")}
      >
        <ModelKindBadge kind={node.kind} tr={tr} />
        {current ? (
          <span className="font-medium text-zinc-900">{node.name}</span>
        ) : (
          <Link href={`/models/${node.id}`} className="font-medium text-zinc-800 hover:text-accent-700 hover:underline">{node.name}</Link>
        )}
        {node.precision ? <code className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-600">{node.precision}</code> : null}
        <span className="text-xs tabular-nums text-zinc-500">{formatBytes(node.sizeBytes)}</span>
        {current ? <span className="text-xs text-accent-700">← {tr("model.thisModel")}</span> : null}
      </div>
      {node.children.length > 0 ? (
        <ul>
          {node.children.map((c) => (
            <Node key={c.id} node={c} currentId={currentId} tr={tr} depth={depth + 1} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}
