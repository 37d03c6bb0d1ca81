import { apiRoute } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { getQuantReport } from "@/lib/models/quant-report";

/** Size, bits per weight and perplexity of every GGUF in the model's lineage family, with the baseline. */
export const GET = apiRoute(operations.quantReport, ({ params }) => getQuantReport(params.id));
