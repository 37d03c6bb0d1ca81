/**
 * Frames a byte stream into lines without holding more than one line (capped) in memory.
 * Carriage returns end a line too, so tqdm-style progress redraws arrive as separate lines.
 */
export class LineSplitter {
  private partial = "";
  private truncated = false;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxLineChars = 8_192,
  ) {}

  push(chunk: string): void {
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 10 || c === 13) {
        this.append(chunk.slice(start, i));
        this.emit(c === 13 && chunk.charCodeAt(i + 1) === 10 ? ++i : i);
        start = i + 1;
      }
    }
    this.append(chunk.slice(start));
  }

  end(): void {
    if (this.partial.length > 0 || this.truncated) this.emit(0);
  }

  private append(text: string): void {
    if (this.truncated || text.length === 0) return;
    const room = this.maxLineChars - this.partial.length;
    if (text.length > room) {
      this.partial += text.slice(0, room);
      this.truncated = true;
    } else {
      this.partial += text;
    }
  }

  private emit(_at: number): void {
    const line = this.truncated ? `${this.partial} …[line truncated]` : this.partial;
    this.partial = "";
    this.truncated = false;
    // A lone \r between \r\n pairs or blank redraws carry nothing worth storing.
    if (line.length > 0) this.onLine(line);
  }
}
