import { AppError } from "../../errors";
import type { SourceModel } from "./kind";

// State refusals shared by kinds: the request is well formed, the stored model refuses it (409).

export function requireGguf(model: SourceModel, hint: string): void {
  if (model.kind !== "GGUF") throw new AppError(409, "not_gguf", `${model.name} is not a GGUF file`, hint);
}
