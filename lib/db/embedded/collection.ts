/**
 * One collection of the embedded store. One file: indexes, reads and writes share the
 * collection's private state (documents, unique keys, sorted buckets, the bulk write in progress).
 */
import { randomUUID } from "node:crypto";
import { Aggregator, Query, update as applyModifier } from "mingo";
import { DuplicateKeyError } from "../errors";
import type {
  BulkOperation,
  BulkWriteResult,
  Filter,
  FindOptions,
  IndexSpec,
  InsertManyResult,
  StoreCollection,
  StoredDocument,
  UpdateFilter,
  UpdateResult,
} from "../port";
import { copy, encode, keyOf } from "./codec";
import type { JournalRecord } from "./journal";

type Doc = Record<string, unknown> & { _id: string };

/** What a collection needs from its store: a journal to write to before memory changes. */
export interface CollectionHost {
  append(record: JournalRecord): void;
  /** Called once memory reflects the record: the moment a compaction may safely run. */
  committed(): void;
}

// The same subset FerretDB v1 implements; anything else is refused here too, so a pipeline that
// works on the embedded store cannot fail on MongoDB-through-FerretDB.
const ALLOWED_STAGES = new Set(["$match", "$group", "$sort", "$limit", "$skip", "$project", "$unwind", "$count", "$unset"]);
const ALLOWED_UPDATE_OPERATORS = new Set(["$set", "$inc", "$push", "$addToSet", "$setOnInsert", "$max", "$min", "$unset"]);

function getPath(document: Record<string, unknown>, path: string): unknown {
  if (!path.includes(".")) return document[path];
  let value: unknown = document;
  for (const part of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function setPath(document: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  let target = document;
  for (const part of parts.slice(0, -1)) {
    if (target[part] === null || typeof target[part] !== "object") target[part] = {};
    target = target[part] as Record<string, unknown>;
  }
  target[parts[parts.length - 1] as string] = value;
}

function indexKey(document: Record<string, unknown>, fields: string[]): string {
  if (fields.length === 1) return keyOf(getPath(document, fields[0] as string));
  let key = "";
  for (const field of fields) key += `${keyOf(getPath(document, field))}\u0000`;
  return key;
}

function isPlainEquality(value: unknown): boolean {
  return value === null || value instanceof Date || ["string", "number", "boolean"].includes(typeof value);
}

/** The equality conditions a filter pins down: they seed an upserted document and use indexes. */
function equalities(filter: Record<string, unknown>): Array<[string, unknown]> {
  const pairs: Array<[string, unknown]> = [];
  for (const [field, condition] of Object.entries(filter)) {
    if (field.startsWith("$")) continue;
    if (isPlainEquality(condition)) pairs.push([field, condition]);
    else if (condition && typeof condition === "object" && Object.keys(condition).length === 1 && "$eq" in condition) {
      const value = (condition as { $eq: unknown }).$eq;
      if (isPlainEquality(value)) pairs.push([field, value]);
    }
  }
  return pairs;
}

/** MongoDB's order for the values we index: null/missing first, then numbers, strings, dates. */
function compareValues(a: unknown, b: unknown): number {
  const rank = (value: unknown) =>
    value === null || value === undefined
      ? 0
      : typeof value === "number"
        ? 1
        : typeof value === "string"
          ? 2
          : value instanceof Date
            ? 3
            : 4;
  const difference = rank(a) - rank(b);
  if (difference !== 0) return difference;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  return 0;
}

interface Range {
  lower?: unknown;
  lowerInclusive: boolean;
  upper?: unknown;
  upperInclusive: boolean;
}

/** The bounds of a pure range condition ({ $gte, $lt, ... } on dates, numbers or strings), if it is one. */
function rangeOf(condition: unknown): Range | undefined {
  if (!condition || typeof condition !== "object" || condition instanceof Date || Array.isArray(condition)) return undefined;
  const entries = Object.entries(condition);
  if (entries.length === 0) return undefined;
  const range: Range = { lowerInclusive: true, upperInclusive: true };
  for (const [operator, value] of entries) {
    if (!(value instanceof Date || typeof value === "number" || typeof value === "string")) return undefined;
    if (operator === "$gte" || operator === "$gt") {
      range.lower = value;
      range.lowerInclusive = operator === "$gte";
    } else if (operator === "$lte" || operator === "$lt") {
      range.upper = value;
      range.upperInclusive = operator === "$lte";
    } else return undefined;
  }
  return range;
}

/**
 * First position whose value is >= bound (strict: > bound). Used for both ends of a range: the
 * upper end of "< x" is the first position >= x.
 */
function lowerBound(documents: Doc[], field: string, bound: unknown, inclusive: boolean): number {
  let low = 0;
  let high = documents.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const order = compareValues(getPath(documents[middle] as Doc, field), bound);
    if (order < 0 || (!inclusive && order === 0)) low = middle + 1;
    else high = middle;
  }
  return low;
}

const SIMPLE_OPERATORS = new Set(["$set", "$inc", "$max", "$min", "$unset"]);

/**
 * $set, $inc, $max, $min and $unset on plain fields, without the query engine: the rollup upserts
 * of an import run thousands of these per chunk. Returns undefined when another operator needs mingo.
 */
function applySimpleUpdate(target: Record<string, unknown>, modifier: Record<string, unknown>): boolean | undefined {
  for (const operator of Object.keys(modifier)) if (!SIMPLE_OPERATORS.has(operator)) return undefined;
  let changed = false;
  for (const [operator, fields] of Object.entries(modifier)) {
    for (const [path, value] of Object.entries(fields as Record<string, unknown>)) {
      const current = getPath(target, path);
      if (operator === "$set") {
        if (!sameValue(current, value)) {
          setPath(target, path, value);
          changed = true;
        }
      } else if (operator === "$inc") {
        if (typeof value !== "number" || (current !== undefined && current !== null && typeof current !== "number")) {
          throw new TypeError(`Cannot apply $inc to ${path}: it must be a number.`);
        }
        if (value !== 0 || current === undefined) {
          setPath(target, path, (typeof current === "number" ? current : 0) + value);
          changed = true;
        }
      } else if (operator === "$max" || operator === "$min") {
        const better =
          current === undefined ||
          current === null ||
          (operator === "$max" ? compareValues(value, current) > 0 : compareValues(value, current) < 0);
        if (better) {
          setPath(target, path, value);
          changed = true;
        }
      } else if (current !== undefined) {
        unsetPath(target, path);
        changed = true;
      }
    }
  }
  return changed;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") return encode(a) === encode(b);
  return a === b;
}

function unsetPath(document: Record<string, unknown>, path: string): void {
  const parts = path.split(".");
  let target: unknown = document;
  for (const part of parts.slice(0, -1)) {
    if (target === null || typeof target !== "object") return;
    target = (target as Record<string, unknown>)[part];
  }
  if (target !== null && typeof target === "object") delete (target as Record<string, unknown>)[parts[parts.length - 1] as string];
}

function validateUpdate(update: Record<string, unknown>): void {
  const keys = Object.keys(update);
  if (keys.length === 0) throw new TypeError("An update needs at least one operator, such as $set.");
  for (const key of keys) {
    if (!ALLOWED_UPDATE_OPERATORS.has(key)) {
      throw new TypeError(
        key.startsWith("$")
          ? `Update operator ${key} is not supported by the store port.`
          : "Replacement documents are not supported: use update operators such as $set.",
      );
    }
  }
}

function stageKey(staged: Map<string, Set<string>>, name: string, key: string): void {
  let keys = staged.get(name);
  if (!keys) {
    keys = new Set();
    staged.set(name, keys);
  }
  keys.add(key);
}

export class EmbeddedCollection<T extends StoredDocument> implements StoreCollection<T> {
  readonly name: string;
  private readonly host: CollectionHost;
  private readonly documents = new Map<string, Doc>();
  private readonly indexes: IndexSpec[] = [];
  /** unique index name → key → document id */
  private readonly uniqueKeys = new Map<string, Map<string, string>>();
  /**
   * First field of any index → value key → the stored documents: narrows equality filters without a
   * scan. The documents themselves, not their ids: a set of objects compares them by identity, where
   * a set of 300,000 id strings looked at a candidate string's text for every insert, and a read
   * needs no second lookup by id. (A stored document is never changed in place: an update stores
   * a copy, so a document's bucket is always the one it was indexed in.)
   */
  private readonly fieldIndexes = new Map<string, Map<string, Set<Doc>>>();
  /**
   * Compound indexes as (equality field, ordered field) pairs, e.g. plays by (userId, playedAt).
   * Each bucket's documents are sorted lazily on first use and the order dropped when the bucket
   * changes, so range filters and "latest N" read a slice instead of scanning every document.
   */
  private readonly orderedIndexes: Array<{ first: string; second: string }> = [];
  private readonly sortedBuckets = new Map<string, Doc[]>();
  /** New documents of a sorted bucket, merged in (one pass) the next time the bucket is read. */
  private readonly pendingSorted = new Map<string, Doc[]>();

  constructor(name: string, host: CollectionHost, documents: Iterable<Doc> = [], indexes: IndexSpec[] = []) {
    this.name = name;
    this.host = host;
    for (const document of documents) this.documents.set(document._id, document);
    for (const spec of indexes) this.addIndex(spec);
  }

  /** For snapshots. */
  snapshot(): { documents: Iterable<Record<string, unknown>>; indexes: IndexSpec[] } {
    return { documents: this.documents.values(), indexes: this.indexes };
  }

  // ---- indexes ----------------------------------------------------------------------------------

  private addIndex(spec: IndexSpec): void {
    const fields = Object.keys(spec.key);
    if (spec.unique) {
      const keys = new Map<string, string>();
      for (const document of this.documents.values()) {
        const key = indexKey(document, fields);
        const holder = keys.get(key);
        if (holder !== undefined) {
          throw new DuplicateKeyError(
            spec.name,
            `Cannot create unique index ${spec.name}: documents ${holder} and ${document._id} share a key.`,
          );
        }
        keys.set(key, document._id);
      }
      this.uniqueKeys.set(spec.name, keys);
    }
    const [first, second] = fields;
    if (first && second && !this.orderedIndexes.some((index) => index.first === first && index.second === second)) {
      this.orderedIndexes.push({ first, second });
    }
    if (first && !this.fieldIndexes.has(first)) {
      const byValue = new Map<string, Set<Doc>>();
      for (const document of this.documents.values()) this.addToFieldIndex(byValue, first, document);
      this.fieldIndexes.set(first, byValue);
    }
    this.indexes.push(spec);
  }

  private addToFieldIndex(byValue: Map<string, Set<Doc>>, field: string, document: Doc) {
    const key = keyOf(getPath(document, field));
    let bucket = byValue.get(key);
    if (!bucket) {
      bucket = new Set();
      byValue.set(key, bucket);
    }
    bucket.add(document);
  }

  private index(document: Doc, isNew: boolean): void {
    for (const spec of this.indexes) {
      if (spec.unique) this.uniqueKeys.get(spec.name)?.set(indexKey(document, Object.keys(spec.key)), document._id);
    }
    for (const [field, byValue] of this.fieldIndexes) this.addToFieldIndex(byValue, field, document);
    for (const { first, second } of this.orderedIndexes) {
      const key = `${first}\u0000${second}\u0000${keyOf(getPath(document, first))}`;
      if (!this.sortedBuckets.has(key)) continue;
      // A new document joins its bucket later, in one merge; a changed one may have moved: re-sort.
      if (!isNew) this.dropSortedBucket(key);
      else {
        const pending = this.pendingSorted.get(key);
        if (pending) pending.push(document);
        else this.pendingSorted.set(key, [document]);
      }
    }
  }

  /**
   * `index` for a batch of new documents. An import's batch holds one listener's plays: the bucket
   * of consecutive documents with the same value is looked up once, not once per document.
   */
  private indexNew(documents: Doc[]): void {
    for (const spec of this.indexes) {
      const keys = spec.unique ? this.uniqueKeys.get(spec.name) : undefined;
      if (!keys) continue;
      const fields = Object.keys(spec.key);
      for (const document of documents) keys.set(indexKey(document, fields), document._id);
    }
    for (const [field, byValue] of this.fieldIndexes) {
      let lastKey: string | undefined;
      let bucket: Set<Doc> | undefined;
      for (const document of documents) {
        const key = keyOf(getPath(document, field));
        if (key !== lastKey || !bucket) {
          lastKey = key;
          bucket = byValue.get(key);
          if (!bucket) {
            bucket = new Set();
            byValue.set(key, bucket);
          }
        }
        bucket.add(document);
      }
    }
    for (const { first, second } of this.orderedIndexes) {
      let lastKey: string | undefined;
      let pending: Doc[] | undefined;
      for (const document of documents) {
        const key = keyOf(getPath(document, first));
        if (key !== lastKey) {
          lastKey = key;
          const bucket = `${first}\u0000${second}\u0000${key}`;
          // A bucket not sorted yet is sorted whole on first use: nothing to remember for it.
          if (!this.sortedBuckets.has(bucket)) pending = undefined;
          else {
            pending = this.pendingSorted.get(bucket);
            if (!pending) {
              pending = [];
              this.pendingSorted.set(bucket, pending);
            }
          }
        }
        pending?.push(document);
      }
    }
  }

  private dropSortedBucket(key: string): void {
    this.sortedBuckets.delete(key);
    this.pendingSorted.delete(key);
  }

  private dropSortedBuckets(document: Doc): void {
    for (const { first, second } of this.orderedIndexes)
      this.dropSortedBucket(`${first}\u0000${second}\u0000${keyOf(getPath(document, first))}`);
  }

  private unindex(document: Doc): void {
    this.dropSortedBuckets(document);
    for (const spec of this.indexes) {
      if (!spec.unique) continue;
      const keys = this.uniqueKeys.get(spec.name);
      const key = indexKey(document, Object.keys(spec.key));
      if (keys?.get(key) === document._id) keys.delete(key);
    }
    for (const [field, byValue] of this.fieldIndexes) {
      const key = keyOf(getPath(document, field));
      const bucket = byValue.get(key);
      bucket?.delete(document);
      if (bucket?.size === 0) byValue.delete(key);
    }
  }

  /**
   * The unique index `document` would violate, if any; `staged` holds the keys of an insertMany in
   * progress (its ids are in `documents` already, see `insertMany`).
   */
  private conflict(document: Doc, mode: "insert" | "update", staged?: Map<string, Set<string>>): string | undefined {
    if (mode === "insert" && this.documents.has(document._id)) return "_id_";
    for (const spec of this.indexes) {
      if (!spec.unique) continue;
      const key = indexKey(document, Object.keys(spec.key));
      const holder = this.uniqueKeys.get(spec.name)?.get(key);
      if (holder !== undefined && holder !== document._id) return spec.name;
      if (staged?.get(spec.name)?.has(key)) return spec.name;
    }
    return undefined;
  }

  private stage(document: Doc, staged: Map<string, Set<string>>): void {
    for (const spec of this.indexes) if (spec.unique) stageKey(staged, spec.name, indexKey(document, Object.keys(spec.key)));
  }

  // ---- writes: journal first, then memory ------------------------------------------------------

  /**
   * The bulk write in progress: its journal records wait here and go out as one line at the end,
   * with what each touched document was before, to undo the call if that line cannot be written.
   * It is safe on the instance because a bulk write runs synchronously: no other write can start
   * before it has finished (two concurrent bulk writes once shared it across an await and lost one).
   */
  private batch: { puts: Map<string, Doc>; deletes: Set<string>; before: Map<string, Doc | undefined> } | null = null;

  private journal(record: JournalRecord): void {
    if (!this.batch) return this.host.append(record);
    if (record.t === "put") {
      for (const document of record.d as Doc[]) {
        this.batch.deletes.delete(document._id);
        this.batch.puts.set(document._id, document);
      }
    } else if (record.t === "del") {
      for (const id of record.ids) {
        this.batch.puts.delete(id);
        this.batch.deletes.add(id);
      }
    } else {
      this.host.append(record);
    }
  }

  private remember(id: string): void {
    if (this.batch && !this.batch.before.has(id)) this.batch.before.set(id, this.documents.get(id));
  }

  private commitPut(documents: Doc[]): void {
    if (documents.length === 0) return;
    this.journal({ t: "put", c: this.name, d: documents });
    for (const document of documents) {
      this.remember(document._id);
      const previous = this.documents.get(document._id);
      if (previous) this.unindex(previous);
      this.documents.set(document._id, document);
      this.index(document, !previous);
    }
    if (!this.batch) this.host.committed();
  }

  private commitDelete(ids: string[]): void {
    if (ids.length === 0) return;
    this.journal({ t: "del", c: this.name, ids });
    for (const id of ids) {
      const previous = this.documents.get(id);
      if (!previous) continue;
      this.remember(id);
      this.unindex(previous);
      this.documents.delete(id);
    }
    if (!this.batch) this.host.committed();
  }

  /** Puts every document a failed bulk write touched back as it was. */
  private restore(before: Map<string, Doc | undefined>): void {
    for (const [id, previous] of before) {
      const current = this.documents.get(id);
      if (current) {
        this.unindex(current);
        this.documents.delete(id);
      }
      if (previous) {
        this.documents.set(id, previous);
        this.index(previous, false);
      }
    }
  }

  // ---- reads ------------------------------------------------------------------------------------

  /**
   * `{ _id: { $in: [...] }, ...rest }`: the listed documents, each once, and the rest of the filter
   * to test them with. Testing the `$in` again in the query engine costs the length of the list for
   * every document (a 5,000-id list is 25 million steps), which made re-imports crawl.
   */
  private byIdList(filter: Record<string, unknown>): { documents: Doc[]; rest: Record<string, unknown> } | undefined {
    const idCondition = filter._id;
    if (!idCondition || typeof idCondition !== "object" || Array.isArray(idCondition)) return undefined;
    const operators = Object.keys(idCondition);
    const list = (idCondition as { $in?: unknown }).$in;
    if (operators.length !== 1 || !Array.isArray(list) || !list.every((id) => typeof id === "string")) return undefined;
    const documents: Doc[] = [];
    for (const id of new Set(list as string[])) {
      const document = this.documents.get(id);
      if (document) documents.push(document);
    }
    const { _id: _listed, ...rest } = filter;
    return { documents, rest };
  }

  /** Documents that may match: narrowed through an index on an equality condition when one applies. */
  private candidates(filter: Record<string, unknown>): Doc[] {
    const idCondition = filter._id;
    if (idCondition && typeof idCondition === "object" && Array.isArray((idCondition as { $in?: unknown }).$in)) {
      // { _id: { $in: [...] } }: straight to the documents.
      return ((idCondition as { $in: unknown[] }).$in as unknown[])
        .map((id) => this.documents.get(String(id)))
        .filter((document): document is Doc => document !== undefined);
    }
    const pinned = equalities(filter);
    const id = pinned.find(([field]) => field === "_id");
    if (id) {
      const document = this.documents.get(String(id[1]));
      return document ? [document] : [];
    }
    let best: Set<Doc> | undefined;
    for (const [field, value] of pinned) {
      const byValue = this.fieldIndexes.get(field);
      if (!byValue) continue;
      const bucket = byValue.get(keyOf(value)) ?? new Set<Doc>();
      if (!best || bucket.size < best.size) best = bucket;
    }
    return [...(best ?? this.documents.values())];
  }

  /** A bucket's documents ordered by `second` ascending (documents missing it first, as MongoDB sorts null). */
  private sortedBucket(first: string, second: string, value: unknown): Doc[] {
    const valueKey = keyOf(value);
    const cacheKey = `${first}\u0000${second}\u0000${valueKey}`;
    const byField = (a: Doc, b: Doc) => compareValues(getPath(a, second), getPath(b, second));
    let sorted = this.sortedBuckets.get(cacheKey);
    if (!sorted) {
      sorted = [...(this.fieldIndexes.get(first)?.get(valueKey) ?? [])];
      sorted.sort(byField);
      this.sortedBuckets.set(cacheKey, sorted);
      this.pendingSorted.delete(cacheKey);
      return sorted;
    }
    const pending = this.pendingSorted.get(cacheKey);
    if (pending) {
      // Merge the newcomers (sorted among themselves) into the sorted bucket in one linear pass.
      pending.sort(byField);
      const merged: Doc[] = new Array(sorted.length + pending.length);
      let a = 0;
      let b = 0;
      let out = 0;
      while (a < sorted.length && b < pending.length)
        merged[out++] = byField(sorted[a] as Doc, pending[b] as Doc) <= 0 ? (sorted[a++] as Doc) : (pending[b++] as Doc);
      while (a < sorted.length) merged[out++] = sorted[a++] as Doc;
      while (b < pending.length) merged[out++] = pending[b++] as Doc;
      sorted = merged;
      this.sortedBuckets.set(cacheKey, sorted);
      this.pendingSorted.delete(cacheKey);
    }
    return sorted;
  }

  /**
   * Uses a compound index when the filter pins its first field and either bounds its second field
   * or the sort is on it: the candidates are a slice of the bucket, already in order.
   */
  private plan(filter: Record<string, unknown>, sort?: Record<string, 1 | -1>): { documents: Doc[]; direction: 1 | -1 | 0 } | undefined {
    const pinned = new Map(equalities(filter));
    const sortKeys = sort ? Object.keys(sort) : [];
    for (const { first, second } of this.orderedIndexes) {
      if (!pinned.has(first)) continue;
      const bounds = rangeOf(filter[second]);
      const sortsOnSecond = sortKeys.length === 1 && sortKeys[0] === second;
      if (!bounds && !sortsOnSecond) continue;
      let documents = this.sortedBucket(first, second, pinned.get(first));
      if (bounds) {
        const from = bounds.lower === undefined ? 0 : lowerBound(documents, second, bounds.lower, bounds.lowerInclusive);
        const to = bounds.upper === undefined ? documents.length : lowerBound(documents, second, bounds.upper, !bounds.upperInclusive);
        documents = documents.slice(from, Math.max(from, to));
      }
      return { documents, direction: sortsOnSecond ? (sort?.[second] ?? 1) : 0 };
    }
    return undefined;
  }

  private match(filter: Filter<T>, options: FindOptions = {}): Doc[] {
    const listed = this.byIdList(filter as Record<string, unknown>);
    if (listed) {
      let cursor = new Query(listed.rest, {}).find<Doc>(listed.documents, options.projection as never);
      if (options.sort) cursor = cursor.sort(options.sort);
      if (options.skip) cursor = cursor.skip(options.skip);
      if (options.limit) cursor = cursor.limit(options.limit);
      return cursor.all();
    }
    const condition = filter as Record<string, unknown>;
    const keys = Object.keys(condition);
    if (keys.length === 1 && keys[0] === "_id" && isPlainEquality(condition._id) && !options.projection) {
      // By id, the hot path of upserts: no query engine needed.
      const document = this.documents.get(String(condition._id));
      return document && !options.skip ? [document] : [];
    }
    const planned = this.plan(condition, options.sort);
    if (planned && planned.direction !== 0) {
      // Already in the requested order: walk it and stop once skip + limit documents matched.
      const query = new Query(condition, {});
      const wanted = options.limit ? (options.skip ?? 0) + options.limit : Number.POSITIVE_INFINITY;
      const matched: Doc[] = [];
      const { documents, direction } = planned;
      for (let step = 0; step < documents.length && matched.length < wanted; step += 1) {
        const document = documents[direction === 1 ? step : documents.length - 1 - step] as Doc;
        if (query.test(document)) matched.push(document);
      }
      const page = matched.slice(options.skip ?? 0);
      return options.projection ? new Query({}, {}).find<Doc>(page, options.projection as never).all() : page;
    }
    let cursor = new Query(condition, {}).find<Doc>(planned?.documents ?? this.candidates(condition), options.projection as never);
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    return cursor.all();
  }

  async find(filter: Filter<T>, options: FindOptions = {}): Promise<T[]> {
    return structuredClone(this.match(filter, options)) as unknown as T[];
  }

  async findOne(filter: Filter<T>, options: Omit<FindOptions, "limit"> = {}): Promise<T | null> {
    const [document] = this.match(filter, { ...options, limit: 1 });
    return document ? (structuredClone(document) as unknown as T) : null;
  }

  async countDocuments(filter: Filter<T> = {}): Promise<number> {
    const condition = filter as Record<string, unknown>;
    if (Object.keys(condition).length === 0) return this.documents.size;
    // A lone equality on an indexed field ({ userId }) is the size of its bucket.
    const pinned = equalities(condition);
    const [only] = pinned;
    if (only && pinned.length === 1 && Object.keys(condition).length === 1) {
      const bucket = this.fieldIndexes.get(only[0]);
      if (bucket) return bucket.get(keyOf(only[1]))?.size ?? 0;
      if (only[0] === "_id") return this.documents.has(String(only[1])) ? 1 : 0;
    }
    const listed = this.byIdList(condition);
    const query = new Query(listed?.rest ?? condition, {});
    let count = 0;
    for (const document of listed?.documents ?? this.plan(condition)?.documents ?? this.candidates(condition))
      if (query.test(document)) count += 1;
    return count;
  }

  async aggregate<R>(pipeline: Record<string, unknown>[]): Promise<R[]> {
    for (const stage of pipeline) {
      const [operator, ...rest] = Object.keys(stage);
      if (!operator || rest.length > 0) throw new TypeError("Each aggregation stage must have exactly one operator.");
      if (!ALLOWED_STAGES.has(operator))
        throw new TypeError(`Aggregation stage ${operator} is not supported by the store port (FerretDB v1 subset).`);
      if (operator === "$group") {
        const accumulators = Object.entries(stage.$group as Record<string, unknown>).filter(([field]) => field !== "_id");
        // FerretDB v1 computes only the first accumulator of a $group (later ones come back 0).
        if (accumulators.length > 1)
          throw new TypeError("$group may have one accumulator (FerretDB v1 computes only the first); run one pipeline per sum.");
        for (const [, accumulator] of accumulators) {
          const kind = accumulator && typeof accumulator === "object" ? Object.keys(accumulator)[0] : undefined;
          if (kind !== "$sum")
            throw new TypeError(`$group accumulator ${kind ?? String(accumulator)} is not supported: only $sum (FerretDB v1 subset).`);
        }
      }
      if (operator === "$project") {
        // FerretDB v1 treats "$field" in $project as a literal string: only inclusion and exclusion.
        for (const [field, value] of Object.entries(stage.$project as Record<string, unknown>)) {
          if (![0, 1, true, false].includes(value as number | boolean)) {
            throw new TypeError(`$project of ${field} must be 0 or 1: computed fields are not supported (FerretDB v1 subset).`);
          }
        }
      }
    }
    const first = pipeline[0];
    const match = first && "$match" in first ? (first.$match as Record<string, unknown>) : undefined;
    const source = match ? (this.plan(match)?.documents ?? this.candidates(match)) : [...this.documents.values()];
    // Stages that reshape documents build new objects in mingo, but $match passes stored ones through.
    return structuredClone(new Aggregator(pipeline, {}).run(source)) as R[];
  }

  async insertOne(document: T): Promise<void> {
    this.insertNow(document);
  }

  private insertNow(document: T): void {
    const stored = copy(document) as unknown as Doc;
    const violated = this.conflict(stored, "insert");
    if (violated) throw new DuplicateKeyError(violated);
    this.commitPut([stored]);
  }

  /**
   * Synchronous from start to end (no other write runs in between), so each accepted document goes
   * into `documents` at once: a later one with the same id meets it there, with no set of the
   * batch's ids beside the map, and nothing reads the map before the journal line is written.
   */
  async insertMany(documents: T[], options: { handOver?: boolean } = {}): Promise<InsertManyResult> {
    const staged = new Map<string, Set<string>>();
    const accepted: Doc[] = [];
    const duplicateIndexes: number[] = [];
    try {
      for (let position = 0; position < documents.length; position += 1) {
        const document = documents[position] as T;
        const stored = (options.handOver ? document : copy(document)) as unknown as Doc;
        if (this.conflict(stored, "insert", staged)) {
          duplicateIndexes.push(position);
          continue;
        }
        this.documents.set(stored._id, stored);
        this.stage(stored, staged);
        accepted.push(stored);
      }
      // One journal record for the batch: after a crash it is there whole or not at all.
      if (accepted.length > 0) this.host.append({ t: "put", c: this.name, d: accepted });
    } catch (error) {
      // A document that cannot be copied, or a line the journal refused: nothing of the call stays.
      for (const document of accepted) this.documents.delete(document._id);
      throw error;
    }
    if (accepted.length > 0) {
      this.indexNew(accepted);
      this.host.committed();
    }
    return { insertedCount: accepted.length, duplicateIndexes };
  }

  private applyUpdate(target: Doc, update: UpdateFilter<T>, inserting: boolean): boolean {
    const modifier = { ...(update as Record<string, unknown>) };
    const onInsert = modifier.$setOnInsert as Record<string, unknown> | undefined;
    delete modifier.$setOnInsert;
    if (inserting && onInsert) modifier.$set = { ...(modifier.$set as Record<string, unknown> | undefined), ...onInsert };
    if (Object.keys(modifier).length === 0) return false;
    const simple = applySimpleUpdate(target, modifier);
    if (simple !== undefined) return simple;
    return applyModifier(target, modifier as never).length > 0;
  }

  private updateDocuments(matches: Doc[], filter: Filter<T>, update: UpdateFilter<T>, upsert: boolean): UpdateResult {
    validateUpdate(update as Record<string, unknown>);
    if (matches.length === 0) {
      if (!upsert) return { matchedCount: 0, modifiedCount: 0, upsertedCount: 0 };
      const seed: Record<string, unknown> = {};
      for (const [field, value] of equalities(filter as Record<string, unknown>)) setPath(seed, field, value);
      const created = seed as Doc;
      this.applyUpdate(created, update, true);
      if (created._id === undefined) created._id = randomUUID();
      const violated = this.conflict(created, "insert");
      if (violated) throw new DuplicateKeyError(violated);
      this.commitPut([created]);
      return { matchedCount: 0, modifiedCount: 0, upsertedCount: 1, upsertedId: created._id };
    }
    const changed: Doc[] = [];
    for (const match of matches) {
      const next = copy(match);
      if (!this.applyUpdate(next, update, false)) continue;
      if (next._id !== match._id) throw new TypeError("The _id of a document cannot change.");
      const violated = this.conflict(next, "update");
      if (violated) throw new DuplicateKeyError(violated);
      changed.push(next);
    }
    this.commitPut(changed);
    return { matchedCount: matches.length, modifiedCount: changed.length, upsertedCount: 0 };
  }

  private updateNow(filter: Filter<T>, update: UpdateFilter<T>, upsert: boolean, many: boolean): UpdateResult {
    return this.updateDocuments(many ? this.match(filter) : this.match(filter, { limit: 1 }), filter, update, upsert);
  }

  private deleteNow(filter: Filter<T>, many: boolean): number {
    const ids = (many ? this.match(filter) : this.match(filter, { limit: 1 })).map((document) => document._id);
    this.commitDelete(ids);
    return ids.length;
  }

  async updateOne(filter: Filter<T>, update: UpdateFilter<T>, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    return this.updateDocuments(this.match(filter, { limit: 1 }), filter, update, options.upsert ?? false);
  }

  async updateMany(filter: Filter<T>, update: UpdateFilter<T>, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    return this.updateDocuments(this.match(filter), filter, update, options.upsert ?? false);
  }

  async deleteOne(filter: Filter<T>): Promise<number> {
    const [match] = this.match(filter, { limit: 1 });
    if (!match) return 0;
    this.commitDelete([match._id]);
    return 1;
  }

  async deleteMany(filter: Filter<T>): Promise<number> {
    const ids = this.match(filter).map((document) => document._id);
    this.commitDelete(ids);
    return ids.length;
  }

  async bulkWrite(operations: BulkOperation<T>[]): Promise<BulkWriteResult> {
    return this.bulkWriteNow(operations);
  }

  /**
   * Synchronous from start to end, so nothing else runs in between: the operations apply to memory,
   * then one journal line records the whole bulk (a crash keeps it whole or loses it whole). If that
   * line cannot be written, memory is put back and the call fails: nothing unsaved stays visible.
   */
  private bulkWriteNow(operations: BulkOperation<T>[]): BulkWriteResult {
    const result: BulkWriteResult = {
      insertedCount: 0,
      matchedCount: 0,
      modifiedCount: 0,
      upsertedCount: 0,
      deletedCount: 0,
      duplicateIndexes: [],
    };
    const batch = { puts: new Map<string, Doc>(), deletes: new Set<string>(), before: new Map<string, Doc | undefined>() };
    this.batch = batch;
    // Like MongoDB's ordered bulk write, an operation that fails stops the bulk and what came
    // before it stays written.
    let failure: unknown;
    try {
      for (const [position, operation] of operations.entries()) {
        try {
          if ("insertOne" in operation) {
            this.insertNow(operation.insertOne.document);
            result.insertedCount += 1;
          } else if ("updateOne" in operation || "updateMany" in operation) {
            const many = "updateMany" in operation;
            const spec = "updateOne" in operation ? operation.updateOne : operation.updateMany;
            const outcome = this.updateNow(spec.filter, spec.update, spec.upsert ?? false, many);
            result.matchedCount += outcome.matchedCount;
            result.modifiedCount += outcome.modifiedCount;
            result.upsertedCount += outcome.upsertedCount;
          } else if ("deleteOne" in operation) {
            result.deletedCount += this.deleteNow(operation.deleteOne.filter, false);
          } else {
            result.deletedCount += this.deleteNow(operation.deleteMany.filter, true);
          }
        } catch (error) {
          if (!(error instanceof DuplicateKeyError)) throw error;
          result.duplicateIndexes.push(position);
        }
      }
    } catch (error) {
      failure = error;
    }
    this.batch = null;
    try {
      if (batch.deletes.size > 0 || batch.puts.size > 0) {
        this.host.append({ t: "bulk", c: this.name, del: [...batch.deletes], d: [...batch.puts.values()] });
      }
    } catch (error) {
      // The journal refused the line: nothing of this call was saved, so nothing of it may show.
      this.restore(batch.before);
      throw error;
    }
    this.host.committed();
    if (failure !== undefined) throw failure;
    return result;
  }

  async createIndex(spec: IndexSpec): Promise<void> {
    const existing = this.indexes.find((index) => index.name === spec.name);
    if (existing) {
      if (JSON.stringify(existing.key) !== JSON.stringify(spec.key) || Boolean(existing.unique) !== Boolean(spec.unique)) {
        throw new TypeError(`Index ${spec.name} already exists with a different definition.`);
      }
      return;
    }
    this.addIndex(spec);
    this.host.append({ t: "idx", c: this.name, spec });
    this.host.committed();
  }
}
