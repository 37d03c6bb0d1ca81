import type { JobKindSpec } from "./kind";
import { logBurst } from "./log-burst";
import { modelConvert } from "./model-convert";
import { modelEvaluate } from "./model-evaluate";
import { modelImport } from "./model-import";
import { modelQuantize } from "./model-quantize";

/**
 * Every job kind, by name. Adding a kind is its module in this folder, one line here, its
 * handler (workers/handlers/index.ts, which must list every name here) and its UI.
 */
export const JOB_KINDS = {
  [modelImport.name]: modelImport,
  [logBurst.name]: logBurst,
  [modelConvert.name]: modelConvert,
  [modelQuantize.name]: modelQuantize,
  [modelEvaluate.name]: modelEvaluate,
} as const satisfies Record<string, JobKindSpec>;

export type JobKind = keyof typeof JOB_KINDS;
export const JOB_KIND_NAMES = Object.keys(JOB_KINDS) as [JobKind, ...JobKind[]];

export function isJobKind(kind: string): kind is JobKind {
  return Object.hasOwn(JOB_KINDS, kind);
}

export * from "./fields";
export { englishText, type JobKindSpec, type Message, type Prepared, type SourceModel } from "./kind";
export * from "./log-burst";
export * from "./model-convert";
export * from "./model-evaluate";
export * from "./model-import";
export * from "./model-quantize";
