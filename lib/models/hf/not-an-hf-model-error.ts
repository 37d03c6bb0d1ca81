export const HF_DIR_REQUIREMENTS =
  "a Hugging Face model directory needs config.json, tokenizer files and *.safetensors";

/**
 * Raised when a directory cannot be treated as a Hugging Face model or adapter. The message
 * always restates what such a directory needs, since the typical cause is pointing the app
 * at the wrong folder (a parent dir, a GGUF folder, a half-copied checkpoint).
 */
export class NotAnHfModelError extends Error {
  readonly dir: string;

  constructor(dir: string, problem: string) {
    super(`${dir} ${problem}; ${HF_DIR_REQUIREMENTS}`);
    this.name = "NotAnHfModelError";
    this.dir = dir;
  }
}
