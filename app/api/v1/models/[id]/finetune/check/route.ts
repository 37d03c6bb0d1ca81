import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { checkFinetunePlan } from "@/lib/training/check-plan";
import { loadFinetuneContext } from "@/lib/training/finetune-context";

export const POST = apiRoute(operations.checkFinetune, async ({ params, body }) => checkFinetunePlan(body, await loadFinetuneContext(params.id, body)));
