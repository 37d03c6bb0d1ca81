import { z } from "zod";
import { ArtifactNameSchema, HostPathSchema } from "../jobs/kinds";

export const ImportModelInputSchema = z.object({
  hostId: z.string().min(1, "Choose a host"),
  path: HostPathSchema,
  name: ArtifactNameSchema.optional(),
});
export type ImportModelInput = z.infer<typeof ImportModelInputSchema>;
