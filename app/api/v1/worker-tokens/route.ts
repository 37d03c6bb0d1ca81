import { apiRoute } from "@/lib/api/handler";
import { createApiToken } from "@/lib/auth/api-tokens";
import { CreateTokenInputSchema } from "@/lib/auth/token-input";
import { AppError } from "@/lib/errors";

export const POST = apiRoute({ body: CreateTokenInputSchema }, ({ user, body }) => {
  if (user.role !== "ADMIN") throw new AppError(403, "forbidden", "Only admins can create worker tokens", "Ask an admin.");
  return createApiToken(user.id, body.name, "WORKER");
});
