import { z } from "zod";

export const PASSWORD_MIN_LENGTH = 12;
/** Argon2 takes any length; the cap only keeps request bodies small. */
export const PASSWORD_MAX_LENGTH = 500;

export const ChangePasswordInputSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password").max(PASSWORD_MAX_LENGTH),
    newPassword: z
      .string()
      .min(PASSWORD_MIN_LENGTH, `The new password needs at least ${PASSWORD_MIN_LENGTH} characters`)
      .max(PASSWORD_MAX_LENGTH, `The new password is longer than ${PASSWORD_MAX_LENGTH} characters`),
  })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "The new password must differ from the current one" });

export type ChangePasswordInput = z.infer<typeof ChangePasswordInputSchema>;
