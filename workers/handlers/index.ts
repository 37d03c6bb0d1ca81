import type { JobKind } from "../../lib/jobs/kinds";
import type { JobContext } from "../job-context";
import { handleDatasetImport } from "./dataset-import";
import { handleDatasetTokens } from "./dataset-tokens";
import { handleLogBurst } from "./log-burst";
import { handleModelConvert } from "./model-convert";
import { handleModelEvaluate } from "./model-evaluate";
import { handleModelExport } from "./model-export";
import { handleModelFinetune } from "./model-finetune";
import { handleModelImport } from "./model-import";
import { handleModelQuantize } from "./model-quantize";

type Handler = (ctx: JobContext<never>) => Promise<unknown>;

/** One handler per job kind; the payload is parsed against the kind's schema before it runs. */
export const HANDLERS: Record<JobKind, Handler> = {
  "model.import": handleModelImport as Handler,
  "host.log-burst": handleLogBurst as Handler,
  "model.convert": handleModelConvert as Handler,
  "model.quantize": handleModelQuantize as Handler,
  "model.evaluate": handleModelEvaluate as Handler,
  "dataset.import": handleDatasetImport as Handler,
  "dataset.tokens": handleDatasetTokens as Handler,
  "model.finetune": handleModelFinetune as Handler,
  "model.export": handleModelExport as Handler,
};
