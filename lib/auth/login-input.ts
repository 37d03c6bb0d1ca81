import { z } from "zod";

export const LoginInputSchema = z.object({
  email: z.string().trim().min(3).max(200),
  password: z.string().min(1).max(500),
});
