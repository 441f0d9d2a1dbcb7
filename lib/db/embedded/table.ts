/**
 * The journal's compact form of a batch of same-shaped documents: the keys once, each value every
 * document shares once, and the other values by key, one column each. An import writes 5,000
 * plays per record whose keys and shared fields (import, chunk, segment, listener) made up more than
 * half of the line; encoding and writing that text was most of an import's time.
 *
 * A column of a few values repeated (a play's track and artist names, its platform, its flags)
 * holds each of them once, and each document's position among them: a history repeats each track
 * in hundreds of plays. Columns rather than one array per document: JSON.stringify writes a long
 * array of small numbers several times faster than as many short arrays holding the same values.
 *
 * Only a batch it can give back exactly is tabulated: every document has the same keys in the same
 * order and only JSON values and dates (an `undefined` would come back as null from an array).
 * Anything else stays a plain list of documents, which every version of the journal reads. Tables
 * written before columns (`rows`, one array per document) still load.
 */

type Document = Record<string, unknown>;
type Shared = string | number | boolean | null;
/** A column of repeated values: each distinct one once (`of`), and each document's position in them. */
type Distinct = { of: Shared[]; at: number[] };
type Column = unknown[] | Distinct;

export interface Table {
  /** Every document's keys, in order. */
  keys: string[];
  /** [key position, value] of each key whose value is the same primitive in every document. */
  same: Array<[number, Shared]>;
  /** Positions of keys whose values are all valid dates: their columns hold epoch ms. */
  dates: number[];
  /** How many documents (in a table of columns, which may have no column at all). */
  count?: number;
  /** Per key not in `same`, in key order, its values (one per document) or its distinct values. */
  columns?: Column[];
  /** Tables written before columns: per document, the values of the keys not in `same`, in key order. */
  rows?: unknown[][];
}

/** Fewer documents than this gain nothing from a table. */
const MIN_ROWS = 2;

/** A value a column holds exactly as a document would: JSON values, plain containers and dates. */
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
/** Values a column may hold once each; not numbers, whose positions would be no shorter than they are. */
const isRepeatable = (value: unknown): value is string | boolean | null =>
  value === null || typeof value === "string" || typeof value === "boolean";

/**
 * The column as its distinct values and positions, when it has few (at most one per two documents)
 * and all of a kind that repeats; undefined otherwise.
 */
function distinct(values: unknown[]): Distinct | undefined {
  if (!isRepeatable(values[0])) return undefined;
  const limit = values.length >> 1;
  // A column whose first eighth hardly repeats (ids) is given up there rather than at its middle.
  const checkpoint = values.length >> 3;
  const positions = new Map<unknown, number>();
  const of: Shared[] = [];
  const at: number[] = [];
  for (let position = 0; position < values.length; position += 1) {
    if (position === checkpoint && of.length > checkpoint - (checkpoint >> 3)) return undefined;
    const value = values[position];
    let found = positions.get(value);
    if (found === undefined) {
      if (!isRepeatable(value) || of.length === limit) return undefined;
      found = of.push(value) - 1;
      positions.set(value, found);
    }
    at.push(found);
  }
  return { of, at };
}

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
  const columns: unknown[][] = keys.map(() => []);
  // Each document's values in key order, read once: Object.values copies an object's fields in one
  // call, where `document[key]` for each key is a lookup that V8 cannot specialise (the key varies).
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
      (columns[index] as unknown[]).push(value);
    }
  }
  const varying: Column[] = [];
  for (let index = 0; index < width; index += 1) {
    if (same[index]) continue;
    const values = columns[index] as unknown[];
    if (dated[index])
      for (let position = 0; position < values.length; position += 1) values[position] = (values[position] as Date).getTime();
    varying.push(distinct(values) ?? values);
  }
  return {
    keys,
    same: keys.flatMap((_, index): Array<[number, Shared]> => (same[index] ? [[index, firstValues[index] as Shared]] : [])),
    dates: keys.flatMap((_, index) => (dated[index] && !same[index] ? [index] : [])),
    count: documents.length,
    columns: varying,
  };
}

/** The documents of a table, each its own object (shared values are primitives: nothing is aliased). */
export function untabulate(table: Table): Document[] {
  const { keys } = table;
  const count = table.count ?? table.rows?.length ?? 0;
  // Every varying key's values, one per document: a table of rows read column by column.
  const columns = table.columns ?? columnsOfRows(table.rows ?? [], keys.length - table.same.length);
  const shared: Array<Shared | undefined> = new Array(keys.length).fill(undefined);
  const isSame: boolean[] = new Array(keys.length).fill(false);
  for (const [index, value] of table.same) {
    shared[index] = value;
    isSame[index] = true;
  }
  const isDate: boolean[] = new Array(keys.length).fill(false);
  for (const index of table.dates) isDate[index] = true;
  const documents: Document[] = new Array(count);
  for (let position = 0; position < count; position += 1) {
    const document: Document = {};
    let column = 0;
    for (let index = 0; index < keys.length; index += 1) {
      const key = keys[index] as string;
      if (isSame[index]) document[key] = shared[index];
      else {
        const value = valueAt(columns[column++] as Column, position);
        document[key] = isDate[index] ? new Date(value as number) : value;
      }
    }
    documents[position] = document;
  }
  return documents;
}

function valueAt(column: Column, position: number): unknown {
  return Array.isArray(column) ? column[position] : column.of[column.at[position] as number];
}

function columnsOfRows(rows: unknown[][], width: number): unknown[][] {
  const columns: unknown[][] = Array.from({ length: width }, () => new Array(rows.length));
  for (let position = 0; position < rows.length; position += 1) {
    const row = rows[position] as unknown[];
    for (let column = 0; column < width; column += 1) (columns[column] as unknown[])[position] = row[column];
  }
  return columns;
}
