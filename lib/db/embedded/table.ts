/**
 * The journal's compact form of a batch of same-shaped documents: the keys once, each value every
 * document shares once, and one array of the other values per document. An import writes 5,000
 * plays per record whose keys and shared fields (import, chunk, segment, listener) made up more than
 * half of the line; encoding and writing that text was most of an import's time.
 *
 * Only a batch it can give back exactly is tabulated: every document has the same keys in the same
 * order and only JSON values and dates (an `undefined` would come back as null from an array).
 * Anything else stays a plain list of documents, which every version of the journal reads.
 */

type Document = Record<string, unknown>;
type Shared = string | number | boolean | null;

export interface Table {
  /** Every document's keys, in order. */
  keys: string[];
  /** [key position, value] of each key whose value is the same primitive in every document. */
  same: Array<[number, Shared]>;
  /** Positions of keys whose values are all valid dates: their rows hold epoch ms. */
  dates: number[];
  /** Per document, the values of the other keys, in key order. */
  rows: unknown[][];
}

/** Fewer documents than this gain nothing from a table. */
const MIN_ROWS = 2;

/** A value a row array holds exactly as a document would: JSON values, plain containers and dates. */
function isTableValue(value: unknown): boolean {
  if (value === null) return true;
  const type = typeof value;
  if (type === "string" || type === "number" || type === "boolean") return true;
  if (type !== "object") return false;
  if (value instanceof Date || Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

const isShared = (value: unknown): value is Shared => value === null || (typeof value !== "object" && typeof value !== "function");
const isValidDate = (value: unknown): value is Date => value instanceof Date && !Number.isNaN(value.getTime());

/** The table of `documents`, or undefined when they are too few or not all of one shape. */
export function tabulate(documents: readonly Document[]): Table | undefined {
  const first = documents[0];
  if (documents.length < MIN_ROWS || !first) return undefined;
  const keys = Object.keys(first);
  // A key that JSON.parse makes an own property but assignment would treat as the prototype.
  if (keys.includes("__proto__")) return undefined;
  const width = keys.length;
  const firstValues = Object.values(first);
  const same = firstValues.map(isShared);
  const dated = firstValues.map(isValidDate);
  // Each document's values in key order, read once: Object.values copies an object's fields in one
  // call, where `document[key]` for each key is a lookup that V8 cannot specialise (the key varies).
  const values: unknown[][] = new Array(documents.length);
  for (let position = 0; position < documents.length; position += 1) {
    const document = documents[position] as Document;
    // Exactly `keys`, in that order, each with a value a table keeps exactly.
    const own = Object.keys(document);
    if (own.length !== width) return undefined;
    for (let index = 0; index < width; index += 1) if (own[index] !== keys[index]) return undefined;
    const row = Object.values(document);
    for (let index = 0; index < width; index += 1) {
      const value = row[index];
      if (!isTableValue(value)) return undefined;
      if (same[index] && value !== firstValues[index]) same[index] = false;
      if (dated[index] && !isValidDate(value)) dated[index] = false;
    }
    values[position] = row;
  }
  const varying: number[] = [];
  for (let index = 0; index < width; index += 1) if (!same[index]) varying.push(index);
  const rows: unknown[][] = new Array(documents.length);
  for (let position = 0; position < documents.length; position += 1) {
    const all = values[position] as unknown[];
    const row: unknown[] = new Array(varying.length);
    for (let column = 0; column < varying.length; column += 1) {
      const index = varying[column] as number;
      const value = all[index];
      row[column] = dated[index] ? (value as Date).getTime() : value;
    }
    rows[position] = row;
  }
  return {
    keys,
    same: keys.flatMap((_, index): Array<[number, Shared]> => (same[index] ? [[index, firstValues[index] as Shared]] : [])),
    dates: keys.flatMap((_, index) => (dated[index] && !same[index] ? [index] : [])),
    rows,
  };
}

/** The documents of a table, each its own object (shared values are primitives: nothing is aliased). */
export function untabulate(table: Table): Document[] {
  const { keys, rows } = table;
  const shared: Array<Shared | undefined> = new Array(keys.length).fill(undefined);
  const isSame: boolean[] = new Array(keys.length).fill(false);
  for (const [index, value] of table.same) {
    shared[index] = value;
    isSame[index] = true;
  }
  const isDate: boolean[] = new Array(keys.length).fill(false);
  for (const index of table.dates) isDate[index] = true;
  const documents: Document[] = new Array(rows.length);
  for (let position = 0; position < rows.length; position += 1) {
    const row = rows[position] as unknown[];
    const document: Document = {};
    let column = 0;
    for (let index = 0; index < keys.length; index += 1) {
      const key = keys[index] as string;
      if (isSame[index]) document[key] = shared[index];
      else {
        const value = row[column++];
        document[key] = isDate[index] ? new Date(value as number) : value;
      }
    }
    documents[position] = document;
  }
  return documents;
}
