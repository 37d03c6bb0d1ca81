/**
 * Raised for anything that makes a file unreadable as GGUF. The message always names the
 * file and the byte offset, because the usual cause is a half-finished download of a
 * multi-GB file and the offset tells the user how far it got.
 */
export class GgufFormatError extends Error {
  readonly filePath: string;
  readonly offset: number;

  constructor(filePath: string, offset: number, detail: string) {
    super(`${filePath}: invalid GGUF at offset ${offset}: ${detail}`);
    this.name = "GgufFormatError";
    this.filePath = filePath;
    this.offset = offset;
  }
}
