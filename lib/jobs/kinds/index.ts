import { datasetImport } from "./dataset-import";
import { datasetTokens } from "./dataset-tokens";
import type { JobKindSpec } from "./kind";
import { logBurst } from "./log-burst";
import { modelConvert } from "./model-convert";
import { modelEvaluate } from "./model-evaluate";
import { modelExport } from "./model-export";
import { modelFinetune } from "./model-finetune";
import { modelImport } from "./model-import";
import { modelQuantize } from "./model-quantize";

/**
 * Every job kind, by name. Adding a kind is its module in this folder, one line here (and its
 * import), its handler (workers/handlers/index.ts must list every name here) and its UI.
 * Schemas and types are imported from the kind's own module.
 */
export const JOB_KINDS = {
  [modelImport.name]: modelImport,
  [logBurst.name]: logBurst,
  [modelConvert.name]: modelConvert,
  [modelQuantize.name]: modelQuantize,
  [modelEvaluate.name]: modelEvaluate,
  [datasetImport.name]: datasetImport,
  [datasetTokens.name]: datasetTokens,
  [modelFinetune.name]: modelFinetune,
  [modelExport.name]: modelExport,
} as const satisfies Record<string, JobKindSpec>;

export type JobKind = keyof typeof JOB_KINDS;
export const JOB_KIND_NAMES = Object.keys(JOB_KINDS) as [JobKind, ...JobKind[]];

export function isJobKind(kind: string): kind is JobKind {
  return Object.hasOwn(JOB_KINDS, kind);
}
