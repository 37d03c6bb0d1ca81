import { z } from "zod";
import { PASSWORD_MAX_LENGTH } from "./password-input";

export const LoginInputSchema = z.object({
  email: z.string().trim().min(3).max(200),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});
