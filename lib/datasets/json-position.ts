/**
 * Locating errors that the built-in parsers report badly: Node 20's JSON.parse often names no
 * position, and TextDecoder's fatal mode names no byte. Both run only after the fast path failed.
 */

export type TextPosition = { line: number; column: number };

export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Byte offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let need = 0;
    let min = 0;
    if (b < 0x80) { i++; continue; }
    if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; }
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

export type JsonSyntaxError = { offset: number; reason: string };

class Fail extends Error {
  constructor(readonly offset: number, readonly reason: string) { super(reason); }
}

/**
 * A strict JSON scanner that only finds where the text stops being JSON and says why in words a
 * person editing the file can act on. Returns null when the text is valid JSON.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  let i = 0;
  const ws = () => { while (i < text.length && " \t\n\r".includes(text[i])) i++; };
  const describe = () => (i >= text.length ? "the end of the text" : `'${text[i]}'`);
  const fail = (reason: string): never => { throw new Fail(i, reason); };

  const string = () => {
    i++;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') { i++; return; }
      if (c === "\\") {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail("a \\u escape needs four hex digits");
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else { i++; fail("an invalid escape: write a backslash as \\\\"); }
        continue;
      }
      if (c < " ") fail(c === "\n" ? "a line break inside a string: write it as \\n" : "a control character inside a string: escape it");
      i++;
    }
    fail("a string that is never closed: add the closing double quote");
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === "-") fail(`unexpected ${describe()}`);
    i += m![0].length;
  };
  const value = (depth: number): void => {
    if (depth > 10_000) fail("nesting deeper than 10000 levels");
    ws();
    const c = text[i];
    if (c === "{") return object(depth);
    if (c === "[") return array(depth);
    if (c === '"') return string();
    if (c === "'") fail("a single-quoted string: JSON strings use double quotes");
    if (c === "-" || (c >= "0" && c <= "9")) return number();
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, i)) { i += word.length; return; }
    }
    if (/^(NaN|Infinity|None|True|False|undefined)\b/.test(text.slice(i, i + 10))) fail(`${/^\w+/.exec(text.slice(i))![0]} is not JSON: use null, true, false or a number`);
    fail(`expected a value but found ${describe()}`);
  };
  const object = (depth: number) => {
    i++;
    ws();
    if (text[i] === "}") { i++; return; }
    for (;;) {
      ws();
      if (text[i] === "}") fail("a trailing comma before '}': remove the last comma");
      if (text[i] === "'") fail("a single-quoted key: JSON keys use double quotes");
      if (text[i] !== '"') fail(`expected a double-quoted key but found ${describe()}`);
      string();
      ws();
      if (text[i] !== ":") fail(`expected ':' after the key but found ${describe()}`);
      i++;
      value(depth + 1);
      ws();
      if (text[i] === ",") { i++; continue; }
      if (text[i] === "}") { i++; return; }
      fail(`expected ',' or '}' after a value but found ${describe()} (a missing comma?)`);
    }
  };
  const array = (depth: number) => {
    i++;
    ws();
    if (text[i] === "]") { i++; return; }
    for (;;) {
      ws();
      if (text[i] === "]") fail("a trailing comma before ']': remove the last comma");
      value(depth + 1);
      ws();
      if (text[i] === ",") { i++; continue; }
      if (text[i] === "]") { i++; return; }
      fail(`expected ',' or ']' after a value but found ${describe()} (a missing comma?)`);
    }
  };

  try {
    value(0);
    ws();
    if (i < text.length) fail(`unexpected ${describe()} after the end of the JSON value`);
    return null;
  } catch (e) {
    if (e instanceof Fail) return { offset: Math.min(e.offset, text.length), reason: e.reason };
    if (e instanceof RangeError) return { offset: i, reason: "nesting too deep to read" };
    throw e;
  }
}
