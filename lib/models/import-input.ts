import { z } from "zod";
import { ArtifactNameSchema, HostPathSchema } from "../jobs/kinds";
import { IdSchema } from "../schemas/text";

export const ImportModelInputSchema = z.object({
  hostId: IdSchema,
  path: HostPathSchema,
  name: ArtifactNameSchema.optional(),
}).meta({ id: "ImportModelInput" });
export type ImportModelInput = z.infer<typeof ImportModelInputSchema>;
