/**
 * The store port: the subset of the MongoDB collection API our repositories use, and no more.
 * Both adapters implement it with MongoDB semantics; one contract suite proves they agree.
 * Aggregation is limited to what FerretDB v1 runs correctly: $match, $group with ONE $sum
 * accumulator (v1 computes only the first and returns 0 for the rest), $sort, $limit, $skip,
 * $project with 0/1 only (v1 takes "$field" expressions as literal strings), $unwind, $count and
 * $unset. The embedded adapter refuses anything else, so a pipeline that passes runs everywhere.
 */
import type { Filter, Sort, UpdateFilter } from "mongodb";

export type { Filter, Sort, UpdateFilter };

/** Every stored document has a string id we choose (natural keys make writes idempotent). */
export interface StoredDocument {
  _id: string;
}

export type Projection = Record<string, 0 | 1 | boolean>;

export interface FindOptions {
  sort?: Record<string, 1 | -1>;
  limit?: number;
  skip?: number;
  projection?: Projection;
}

export interface InsertManyResult {
  insertedCount: number;
  /** Positions in the input of rows rejected by a unique index; every other row was inserted. */
  duplicateIndexes: number[];
}

export interface UpdateResult {
  matchedCount: number;
  modifiedCount: number;
  upsertedCount: number;
  upsertedId?: string;
}

export interface BulkWriteResult {
  insertedCount: number;
  matchedCount: number;
  modifiedCount: number;
  upsertedCount: number;
  deletedCount: number;
  duplicateIndexes: number[];
}

export type BulkOperation<T extends StoredDocument> =
  | { insertOne: { document: T } }
  | { updateOne: { filter: Filter<T>; update: UpdateFilter<T>; upsert?: boolean } }
  | { updateMany: { filter: Filter<T>; update: UpdateFilter<T>; upsert?: boolean } }
  | { deleteOne: { filter: Filter<T> } }
  | { deleteMany: { filter: Filter<T> } };

export interface IndexSpec {
  name: string;
  key: Record<string, 1 | -1>;
  unique?: boolean;
}

export interface StoreCollection<T extends StoredDocument> {
  readonly name: string;
  find(filter: Filter<T>, options?: FindOptions): Promise<T[]>;
  findOne(filter: Filter<T>, options?: Omit<FindOptions, "limit">): Promise<T | null>;
  /** Throws DuplicateKeyError when a unique index already holds the key. */
  insertOne(document: T): Promise<void>;
  /**
   * Unordered: duplicates are reported by position and the rest inserted. With `handOver` the
   * caller promises never to touch the documents again, so an in-process store may keep them
   * without copying (the import path inserts hundreds of thousands).
   */
  insertMany(documents: T[], options?: { handOver?: boolean }): Promise<InsertManyResult>;
  updateOne(filter: Filter<T>, update: UpdateFilter<T>, options?: { upsert?: boolean }): Promise<UpdateResult>;
  updateMany(filter: Filter<T>, update: UpdateFilter<T>, options?: { upsert?: boolean }): Promise<UpdateResult>;
  deleteOne(filter: Filter<T>): Promise<number>;
  deleteMany(filter: Filter<T>): Promise<number>;
  countDocuments(filter?: Filter<T>): Promise<number>;
  aggregate<R>(pipeline: Record<string, unknown>[]): Promise<R[]>;
  /** Unordered, like insertMany: a duplicate key fails that operation only. */
  bulkWrite(operations: BulkOperation<T>[]): Promise<BulkWriteResult>;
  createIndex(spec: IndexSpec): Promise<void>;
}

export type StoreKind = "embedded" | "mongodb";

export interface Store {
  readonly kind: StoreKind;
  collection<T extends StoredDocument>(name: string): StoreCollection<T>;
  /** Resolves when the backend answers; throws StoreUnavailableError otherwise. */
  ping(): Promise<void>;
  /** What this store is, for logs and the health page ("embedded at .data", "mongodb at host"). */
  describe(): string;
  close(): Promise<void>;
}
