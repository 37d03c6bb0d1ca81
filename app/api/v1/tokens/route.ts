import { apiRoute } from "@/lib/api/handler";
import { createApiToken, listApiTokens } from "@/lib/auth/api-tokens";
import { CreateTokenInputSchema } from "@/lib/auth/token-input";

export const GET = apiRoute({}, ({ user }) => listApiTokens(user.id));
export const POST = apiRoute({ body: CreateTokenInputSchema }, ({ user, body }) => createApiToken(user.id, body.name, "PERSONAL"));
