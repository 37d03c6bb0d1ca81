import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { createApiToken, listApiTokens } from "@/lib/auth/api-tokens";

export const GET = apiRoute(operations.listTokens, ({ user }) => listApiTokens(user.id));
export const POST = apiRoute(operations.createToken, ({ user, body }) => createApiToken(user.id, body.name, "PERSONAL"));
