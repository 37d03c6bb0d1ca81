import { z } from "zod";

export const CreateTokenInputSchema = z.object({
  name: z.string().trim().min(1, "Give the token a name").max(100, "Name is longer than 100 characters"),
});
