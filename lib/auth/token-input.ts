import { z } from "zod";
import { nameSchema } from "../schemas/text";

export const CreateTokenInputSchema = z.object({
  name: nameSchema(100, "The token name"),
});
