import type { Translate } from "@/lib/i18n";
import type { TrainingRecord } from "@/lib/models/artifact-metadata";

/**
 * Template mismatch between training and serving is the most reported LLaMA-Factory problem
 * (garbled or endless answers after GGUF/Ollama export): wherever a fine-tuned model goes next,
 * say which template it was trained with.
 */
export function TemplateNote({ training, tr }: { training: TrainingRecord | undefined; tr: Translate }) {
  if (!training?.runId) return null;
  return (
    <p className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200" data-testid="template-note">
      {training.template ? tr("train.templateNoteNamed", { template: training.template }) : tr("train.templateNoteOwn")}
    </p>
  );
}
