/**
 * The JSON around the rows: the bytes some exports put before the opening `[`, and, when
 * `JSON.parse` fails, where and how. Browsers word (and place) their JSON errors differently, so
 * the failure is located by a scan of our own, which also tells a file that ends early from one
 * that is damaged in the middle.
 */

const BOM = 0xfeff;
const NUL = 0;

const isWhitespace = (code: number) => code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;

/** The text without the UTF-8 BOM, NUL bytes and whitespace around the JSON (a cheap slice, not a copy). */
export function stripPreamble(text: string): string {
  let start = 0;
  let end = text.length;
  for (; start < end; start++) {
    const code = text.charCodeAt(start);
    if (code !== BOM && code !== NUL && !isWhitespace(code)) break;
  }
  for (; end > start; end--) {
    const code = text.charCodeAt(end - 1);
    if (code !== NUL && !isWhitespace(code)) break;
  }
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

export interface JsonProblem {
  /** `truncated`: the text stops inside the JSON; `syntax`: something wrong stands at `position`. */
  kind: "truncated" | "syntax";
  /** Index into the scanned text (0-based); line and column count from 1. */
  position: number;
  line: number;
  column: number;
}

class Stop {
  readonly kind: JsonProblem["kind"];
  readonly position: number;
  constructor(kind: JsonProblem["kind"], position: number) {
    this.kind = kind;
    this.position = position;
  }
}

/**
 * Where the JSON in `text` goes wrong, or null when it is well formed, however deeply nested. Only
 * called after `JSON.parse` has failed, so it favours clarity over speed.
 */
export function findJsonProblem(text: string): JsonProblem | null {
  const length = text.length;
  let index = 0;

  const fail = (at: number): never => {
    throw new Stop(at >= length ? "truncated" : "syntax", Math.min(at, length));
  };
  const skipWhitespace = () => {
    while (index < length && isWhitespace(text.charCodeAt(index))) index++;
  };
  const expectDigits = () => {
    const from = index;
    while (index < length && text.charCodeAt(index) >= 48 && text.charCodeAt(index) <= 57) index++;
    if (index === from) fail(index);
  };
  const scanString = () => {
    index++; // the opening quote
    for (;;) {
      if (index >= length) fail(index);
      const code = text.charCodeAt(index);
      if (code === 0x22) {
        index++;
        return;
      }
      if (code < 0x20) fail(index);
      if (code === 0x5c) {
        index++;
        if (index >= length) fail(index);
        const escaped = text[index] as string;
        if (escaped === "u") {
          for (let digit = 1; digit <= 4; digit++) {
            if (index + digit >= length) fail(index + digit);
            if (!/[0-9a-fA-F]/.test(text[index + digit] as string)) fail(index + digit);
          }
          index += 4;
        } else if (!'"\\/bfnrt'.includes(escaped)) fail(index);
      }
      index++;
    }
  };
  const scanNumber = () => {
    if (text[index] === "-") index++;
    if (text[index] === "0") index++;
    else expectDigits();
    if (text[index] === ".") {
      index++;
      expectDigits();
    }
    if (text[index] === "e" || text[index] === "E") {
      index++;
      if (text[index] === "+" || text[index] === "-") index++;
      expectDigits();
    }
  };
  const scanWord = (word: string) => {
    for (let offset = 0; offset < word.length; offset++) {
      if (index + offset >= length || text[index + offset] !== word[offset]) fail(index + offset);
    }
    index += word.length;
  };
  /** One value, its arrays and objects walked with a stack of our own: no nesting depth overflows it. */
  const scanValue = (): void => {
    // What each open container expects next: an array's element or an object's key.
    const open: Array<"[" | "{"> = [];
    for (;;) {
      skipWhitespace();
      if (index >= length) fail(index);
      const char = text[index] as string;
      if (char === "[" || char === "{") {
        index++;
        skipWhitespace();
        if (text[index] === (char === "[" ? "]" : "}")) {
          index++;
        } else {
          open.push(char);
          if (char === "{") scanKey();
          continue;
        }
      } else if (char === '"') scanString();
      else if (char === "-" || (char >= "0" && char <= "9")) scanNumber();
      else if (char === "t") scanWord("true");
      else if (char === "f") scanWord("false");
      else if (char === "n") scanWord("null");
      else fail(index);
      // A value ended: close every container it completes, then go on with the next element or member.
      for (;;) {
        const container = open.at(-1);
        if (container === undefined) return;
        skipWhitespace();
        if (index >= length) fail(index);
        if (text[index] === (container === "[" ? "]" : "}")) {
          index++;
          open.pop();
          continue;
        }
        if (text[index] !== ",") fail(index);
        index++;
        if (container === "{") scanKey();
        break;
      }
    }
  };
  /** An object's `"key" :`, leaving the index at its value. */
  const scanKey = () => {
    skipWhitespace();
    if (index >= length) fail(index);
    if (text[index] !== '"') fail(index);
    scanString();
    skipWhitespace();
    if (index >= length) fail(index);
    if (text[index] !== ":") fail(index);
    index++;
  };

  try {
    scanValue();
    skipWhitespace();
    if (index < length) fail(index);
    return null;
  } catch (problem) {
    if (!(problem instanceof Stop)) throw problem;
    return { kind: problem.kind, position: problem.position, ...lineAndColumn(text, problem.position) };
  }
}

/** Line and column (from 1) of a position in the text. */
export function lineAndColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf("\n"); at !== -1 && at < position; at = text.indexOf("\n", at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: position - lineStart + 1 };
}
