import type { FileHandle } from "node:fs/promises";
import { GgufFormatError } from "./gguf-format-error";

/**
 * Sequential little-endian reader over a file handle using positional reads into one
 * reusable buffer. Headers are parsed front to back, so a sliding window is enough and the
 * (possibly tens of GB) file is never loaded; skipping large arrays just moves the cursor.
 *
 * Callers use the pattern `if (!r.has(n)) await r.fill(n, what)` so the hot path of
 * reading ~100k small vocabulary entries does not allocate a promise per field.
 */
export class BufferedFileReader {
  private buf: Buffer;
  /** Absolute file offset of buf[0]. */
  private bufStart = 0;
  /** Number of valid bytes in buf. */
  private bufLen = 0;
  /** Absolute file offset of the next byte to consume. */
  pos = 0;

  constructor(
    private readonly handle: FileHandle,
    readonly filePath: string,
    readonly fileSize: number,
    bufferSize: number,
  ) {
    this.buf = Buffer.allocUnsafe(Math.max(16, Math.floor(bufferSize)));
  }

  has(n: number): boolean {
    return this.pos >= this.bufStart && this.pos + n <= this.bufStart + this.bufLen;
  }

  error(detail: string, offset: number = this.pos): GgufFormatError {
    return new GgufFormatError(this.filePath, offset, detail);
  }

  /** Ensure n bytes from pos are buffered, or throw a truncation error naming `what`. */
  async fill(n: number, what: string): Promise<void> {
    if (this.has(n)) return;
    if (this.pos + n > this.fileSize) {
      throw this.error(
        `file is truncated: ${what} needs ${n} byte(s) but the file ends at offset ${this.fileSize}`,
      );
    }
    if (n > this.buf.length) {
      // One oversized field (a long chat template, say); grow rather than special-case it.
      this.buf = Buffer.allocUnsafe(n);
    }
    const want = Math.min(this.buf.length, this.fileSize - this.pos);
    let got = 0;
    while (got < want) {
      const { bytesRead } = await this.handle.read(this.buf, got, want - got, this.pos + got);
      if (bytesRead === 0) break; // file shrank under us since fstat
      got += bytesRead;
    }
    this.bufStart = this.pos;
    this.bufLen = got;
    if (got < n) {
      throw this.error(
        `file is truncated: ${what} needs ${n} byte(s) but only ${got} could be read`,
      );
    }
  }

  /** Advance without reading; the data is never touched, only bounds-checked. */
  skip(n: number, what: string): void {
    if (this.pos + n > this.fileSize) {
      throw this.error(
        `file is truncated: ${what} spans ${n} byte(s) but the file ends at offset ${this.fileSize}`,
      );
    }
    this.pos += n;
  }

  private at(n: number): number {
    const i = this.pos - this.bufStart;
    this.pos += n;
    return i;
  }

  u8(): number {
    return this.buf.readUInt8(this.at(1));
  }
  i8(): number {
    return this.buf.readInt8(this.at(1));
  }
  u16(): number {
    return this.buf.readUInt16LE(this.at(2));
  }
  i16(): number {
    return this.buf.readInt16LE(this.at(2));
  }
  u32(): number {
    return this.buf.readUInt32LE(this.at(4));
  }
  i32(): number {
    return this.buf.readInt32LE(this.at(4));
  }
  u64(): bigint {
    return this.buf.readBigUInt64LE(this.at(8));
  }
  i64(): bigint {
    return this.buf.readBigInt64LE(this.at(8));
  }
  f32(): number {
    return this.buf.readFloatLE(this.at(4));
  }
  f64(): number {
    return this.buf.readDoubleLE(this.at(8));
  }
  utf8(n: number): string {
    const i = this.at(n);
    return this.buf.toString("utf8", i, i + n);
  }
  bytes(n: number): Buffer {
    const i = this.at(n);
    return Buffer.from(this.buf.subarray(i, i + n));
  }
}
