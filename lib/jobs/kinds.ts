import { z } from "zod";
import type { QueueKind } from "../queue/names";

/** Host paths arrive from forms and the API; control characters are never a legitimate part of one. */
export const HostPathSchema = z
  .string()
  .trim()
  .min(1, "Enter an absolute path on the host")
  .max(4096, "Path is longer than 4096 characters")
  .refine((p) => p.startsWith("/"), "Path must be absolute (start with /)")
  .refine((p) => !/[\u0000-\u001f]/.test(p), "Path contains control characters");

export const ArtifactNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(200, "Name is longer than 200 characters")
  .refine((s) => !/[\u0000-\u001f]/.test(s), "Name contains control characters");

export const ModelImportPayloadSchema = z.object({
  path: HostPathSchema,
  name: ArtifactNameSchema.optional(),
});
export type ModelImportPayload = z.infer<typeof ModelImportPayloadSchema>;

/** A self-test that prints lines: measures log streaming and exercises cancel and worker loss. */
export const LogBurstPayloadSchema = z.object({
  lines: z.number().int().min(1).max(1_000_000),
  intervalMs: z.number().int().min(0).max(1_000).default(0),
  exitCode: z.number().int().min(0).max(255).default(0),
});
export type LogBurstPayload = z.infer<typeof LogBurstPayloadSchema>;

type KindSpec<S extends z.ZodType> = {
  queue: QueueKind;
  payload: S;
  title: (p: z.infer<S>) => string;
};

export const JOB_KINDS = {
  "model.import": {
    queue: "host-io",
    payload: ModelImportPayloadSchema,
    title: (p) => `Import ${p.name ?? p.path}`,
  } satisfies KindSpec<typeof ModelImportPayloadSchema>,
  "host.log-burst": {
    queue: "host-io",
    payload: LogBurstPayloadSchema,
    title: (p) => `Log self-test (${p.lines} lines)`,
  } satisfies KindSpec<typeof LogBurstPayloadSchema>,
} as const;

export type JobKind = keyof typeof JOB_KINDS;
export const JOB_KIND_NAMES = Object.keys(JOB_KINDS) as [JobKind, ...JobKind[]];

export function isJobKind(kind: string): kind is JobKind {
  return Object.hasOwn(JOB_KINDS, kind);
}
