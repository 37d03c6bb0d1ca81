import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { createApiToken } from "@/lib/auth/api-tokens";

export const POST = apiRoute(operations.createWorkerToken, ({ user, body }) => createApiToken(user.id, body.name, "WORKER"));
