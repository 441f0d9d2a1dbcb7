/**
 * The JSON layouts Spotify's export files come in. Rows are serialised one at a time so a file can
 * be filled up to a byte budget without building it twice.
 *   spotify:   "[\n  {\n    \"ts\": …\n  },\n  {…}\n]"      (today's extended history files)
 *   jackson:   "[ {\n  \"ts\" : …\n}, {…} ]"                 (Jackson's default pretty printer)
 *   account:   "[\n  {\n    \"endTime\" : …\n  },\n  {…}\n]" (the account package, Jackson-spaced)
 */

export type JsonLayout = "spotify" | "jackson" | "account";

export type JsonRow = Record<string, string | number | boolean | null>;

const NON_ASCII = /[^\x00-\x7f]/;

interface LayoutParts {
  rowOpen: string;
  indent: string;
  colon: string;
  rowClose: string;
  open: string;
  separator: string;
  close: string;
}

const LAYOUTS: Record<JsonLayout, LayoutParts> = {
  spotify: { rowOpen: "  {\n", indent: "    ", colon: ": ", rowClose: "\n  }", open: "[\n", separator: ",\n", close: "\n]" },
  jackson: { rowOpen: "{\n", indent: "  ", colon: " : ", rowClose: "\n}", open: "[ ", separator: ", ", close: " ]" },
  account: { rowOpen: "  {\n", indent: "    ", colon: " : ", rowClose: "\n  }", open: "[\n", separator: ",\n", close: "\n]" },
};

export function serialiseRow(row: JsonRow, layout: JsonLayout): string {
  return rowSerialiser(Object.keys(row), layout)(row).text;
}

/**
 * A serialiser for rows with a fixed field order, with every piece between the values prepared
 * once: a history of 300,000 rows is mostly those pieces. It reports the UTF-8 size alongside,
 * counting multi-byte characters only in the values, where they can occur.
 */
export function rowSerialiser(keys: readonly string[], layout: JsonLayout): (row: JsonRow) => { text: string; bytes: number } {
  const { rowOpen, indent, colon, rowClose } = LAYOUTS[layout];
  const pieces = keys.map((key, index) => (index === 0 ? rowOpen : ",\n") + indent + JSON.stringify(key) + colon);
  const fixedBytes = pieces.reduce((sum, piece) => sum + utf8Length(piece), 0) + utf8Length(rowClose);
  // Joining an array yields one flat string; `+=` would leave a rope of fifty pieces per row,
  // and a few hundred thousand ropes keep the garbage collector busy for seconds.
  const parts: string[] = new Array<string>(keys.length * 2 + 1).fill("");
  parts[keys.length * 2] = rowClose;
  return (row) => {
    let bytes = fixedBytes;
    for (let index = 0; index < keys.length; index++) {
      const value = row[keys[index] as string] ?? null;
      let written: string;
      if (typeof value === "string") {
        written = JSON.stringify(value);
        bytes += NON_ASCII.test(written) ? utf8Length(written) : written.length;
      } else {
        written = String(value);
        bytes += written.length;
      }
      parts[index * 2] = pieces[index] as string;
      parts[index * 2 + 1] = written;
    }
    return { text: parts.join(""), bytes };
  };
}

/** What surrounds the rows of a file: the opening, the separator between rows and the closing. */
export function frame(layout: JsonLayout, empty = false): { open: string; separator: string; close: string } {
  if (empty) return { open: "[", separator: "", close: "]" };
  const { open, separator, close } = LAYOUTS[layout];
  return { open, separator, close };
}

export function joinRows(rows: readonly string[], layout: JsonLayout): string {
  const { open, separator, close } = frame(layout, rows.length === 0);
  return open + rows.join(separator) + close;
}

/** UTF-8 size of a string without encoding it (names with accents take two or three bytes). */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) continue;
    if (code >= 0xd800 && code <= 0xdbff) {
      // A surrogate pair is two UTF-16 units and four UTF-8 bytes.
      bytes += 2;
      index++;
    } else bytes += code < 0x800 ? 1 : 2;
  }
  return bytes;
}
