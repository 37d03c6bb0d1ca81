import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { importTrainYaml } from "@/lib/tools/llamafactory/train-yaml";

export const POST = apiRoute(operations.importTrainYaml, ({ body }) => importTrainYaml(body.yaml));
