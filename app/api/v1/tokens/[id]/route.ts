import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { revokeApiToken } from "@/lib/auth/api-tokens";
import { notFound } from "@/lib/errors";

export const DELETE = apiRoute(operations.revokeToken, async ({ user, params }) => {
  if (!(await revokeApiToken(user.id, params.id))) throw notFound("Token", params.id);
  return { revoked: true };
});
