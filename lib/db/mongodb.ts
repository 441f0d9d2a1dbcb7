/**
 * The MongoDB adapter of the store port (official driver). One file: the client lifecycle, error
 * mapping and the collection wrapper are the one adapter the contract suite checks.
 */
import {
  MongoBulkWriteError,
  MongoClient,
  MongoNetworkError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
  type Collection,
  type Document,
  type OptionalUnlessRequiredId,
} from "mongodb";
import { DuplicateKeyError, StoreUnavailableError } from "./errors";
import type {
  BulkOperation,
  BulkWriteResult,
  Filter,
  FindOptions,
  IndexSpec,
  InsertManyResult,
  Store,
  StoreCollection,
  StoredDocument,
  UpdateFilter,
  UpdateResult,
} from "./port";

const DUPLICATE_KEY = 11000;
/** Batches at least this large are split into PARALLEL_INSERTS concurrent insert commands. */
const PARALLEL_INSERT_FROM = 1_000;
const PARALLEL_INSERTS = 4;

function isUnavailable(error: unknown): boolean {
  return (
    error instanceof MongoServerSelectionError ||
    error instanceof MongoNetworkError ||
    error instanceof MongoTopologyClosedError ||
    (error instanceof Error && /ECONNREFUSED|ECONNRESET|connection .* closed/i.test(error.message))
  );
}

function indexNameOf(error: MongoServerError): string {
  return /index: (\S+)/.exec(error.message)?.[1] ?? "unique";
}

/** Maps driver errors onto the port's: unreachable → StoreUnavailableError, E11000 → DuplicateKeyError. */
async function guard<R>(operation: () => Promise<R>): Promise<R> {
  try {
    return await operation();
  } catch (error) {
    // Already mapped by an inner guard (an operation made of others, e.g. findOne): keep it as is.
    if (error instanceof StoreUnavailableError || error instanceof DuplicateKeyError) throw error;
    if (error instanceof MongoServerError && error.code === DUPLICATE_KEY && !(error instanceof MongoBulkWriteError)) {
      throw new DuplicateKeyError(indexNameOf(error), error.message);
    }
    if (isUnavailable(error)) throw new StoreUnavailableError((error as Error).message, error);
    throw error;
  }
}

type Serialize = <R>(write: () => Promise<R>) => Promise<R>;

interface Connection {
  /** Resolves once the client is connected, reconnecting after a failed first attempt. */
  ready(): Promise<void>;
  serialize: Serialize;
}

class MongoCollection<T extends StoredDocument> implements StoreCollection<T> {
  readonly name: string;
  private readonly collection: Collection<T>;
  private readonly connection: Connection;

  constructor(collection: Collection<T>, connection: Connection) {
    this.collection = collection;
    this.name = collection.collectionName;
    this.connection = connection;
  }

  private serialize: Serialize = (write) => this.connection.serialize(write);

  /** Every operation: connected first, then run, with driver errors mapped to the port's. */
  private run<R>(operation: () => Promise<R>): Promise<R> {
    return guard(async () => {
      await this.connection.ready();
      return operation();
    });
  }

  find(filter: Filter<T>, options: FindOptions = {}): Promise<T[]> {
    return this.run(async () => {
      let cursor = this.collection.find(filter, { projection: options.projection });
      if (options.sort) cursor = cursor.sort(options.sort);
      if (options.skip) cursor = cursor.skip(options.skip);
      if (options.limit) cursor = cursor.limit(options.limit);
      return (await cursor.toArray()) as T[];
    });
  }

  findOne(filter: Filter<T>, options: Omit<FindOptions, "limit"> = {}): Promise<T | null> {
    return this.run(async () => {
      const [document] = await this.find(filter, { ...options, limit: 1 });
      return document ?? null;
    });
  }

  insertOne(document: T): Promise<void> {
    return this.run(async () => {
      await this.collection.insertOne(document as OptionalUnlessRequiredId<T>);
    });
  }

  insertMany(documents: T[]): Promise<InsertManyResult> {
    if (documents.length === 0) return Promise.resolve({ insertedCount: 0, duplicateIndexes: [] });
    if (documents.length < PARALLEL_INSERT_FROM) return this.insertBatch(documents, 0);
    // Unordered, so the order of the parts does not matter: large batches go out as a few
    // concurrent commands, which lets the server convert documents on more than one core.
    const size = Math.ceil(documents.length / PARALLEL_INSERTS);
    return Promise.all(
      Array.from({ length: PARALLEL_INSERTS }, (_, part) => this.insertBatch(documents.slice(part * size, (part + 1) * size), part * size)),
    ).then((results) => ({
      insertedCount: results.reduce((sum, result) => sum + result.insertedCount, 0),
      duplicateIndexes: results.flatMap((result) => result.duplicateIndexes).sort((a, b) => a - b),
    }));
  }

  private insertBatch(documents: T[], offset: number): Promise<InsertManyResult> {
    if (documents.length === 0) return Promise.resolve({ insertedCount: 0, duplicateIndexes: [] });
    return this.run(async () => {
      try {
        const result = await this.collection.insertMany(documents as OptionalUnlessRequiredId<T>[], { ordered: false });
        return { insertedCount: result.insertedCount, duplicateIndexes: [] };
      } catch (error) {
        if (!(error instanceof MongoBulkWriteError)) throw error;
        const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
        const other = writeErrors.find((writeError) => writeError.code !== DUPLICATE_KEY);
        if (other) throw error;
        return {
          insertedCount: error.result.insertedCount,
          duplicateIndexes: writeErrors.map((writeError) => writeError.index + offset).sort((a, b) => a - b),
        };
      }
    });
  }

  private async update(many: boolean, filter: Filter<T>, update: UpdateFilter<T>, upsert: boolean): Promise<UpdateResult> {
    const run = () =>
      this.serialize(() =>
        many ? this.collection.updateMany(filter, update, { upsert }) : this.collection.updateOne(filter, update, { upsert }),
      );
    let result;
    try {
      result = await this.run(run);
    } catch (error) {
      // Two upserts of the same new key race: the loser hits the unique index. Its retry finds the
      // winner's document and updates it, as MongoDB itself does for equality upserts.
      if (!(upsert && error instanceof DuplicateKeyError)) throw error;
      result = await this.run(run);
    }
    return {
      matchedCount: result.matchedCount,
      modifiedCount: result.modifiedCount,
      upsertedCount: result.upsertedCount,
      ...(result.upsertedId !== null && result.upsertedId !== undefined ? { upsertedId: String(result.upsertedId) } : {}),
    };
  }

  updateOne(filter: Filter<T>, update: UpdateFilter<T>, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    return this.update(false, filter, update, options.upsert ?? false);
  }

  updateMany(filter: Filter<T>, update: UpdateFilter<T>, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    return this.update(true, filter, update, options.upsert ?? false);
  }

  deleteOne(filter: Filter<T>): Promise<number> {
    return this.run(async () => (await this.collection.deleteOne(filter)).deletedCount);
  }

  deleteMany(filter: Filter<T>): Promise<number> {
    return this.run(async () => (await this.collection.deleteMany(filter)).deletedCount);
  }

  countDocuments(filter: Filter<T> = {}): Promise<number> {
    return this.run(() => this.collection.countDocuments(filter));
  }

  aggregate<R>(pipeline: Record<string, unknown>[]): Promise<R[]> {
    return this.run(async () => (await this.collection.aggregate<R & Document>(pipeline).toArray()) as R[]);
  }

  bulkWrite(operations: BulkOperation<T>[]): Promise<BulkWriteResult> {
    const empty: BulkWriteResult = {
      insertedCount: 0,
      matchedCount: 0,
      modifiedCount: 0,
      upsertedCount: 0,
      deletedCount: 0,
      duplicateIndexes: [],
    };
    if (operations.length === 0) return Promise.resolve(empty);
    return this.run(async () => {
      try {
        const result = await this.serialize(() => this.collection.bulkWrite(operations as never, { ordered: false }));
        return { ...empty, ...pickCounts(result), duplicateIndexes: [] };
      } catch (error) {
        if (!(error instanceof MongoBulkWriteError)) throw error;
        const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
        if (writeErrors.some((writeError) => writeError.code !== DUPLICATE_KEY)) throw error;
        return {
          ...empty,
          ...pickCounts(error.result),
          duplicateIndexes: writeErrors.map((writeError) => writeError.index).sort((a, b) => a - b),
        };
      }
    });
  }

  createIndex(spec: IndexSpec): Promise<void> {
    return this.run(async () => {
      await this.collection.createIndex(spec.key, { name: spec.name, unique: spec.unique ?? false });
    });
  }
}

function pickCounts(result: {
  insertedCount: number;
  matchedCount: number;
  modifiedCount: number;
  upsertedCount: number;
  deletedCount: number;
}) {
  return {
    insertedCount: result.insertedCount,
    matchedCount: result.matchedCount,
    modifiedCount: result.modifiedCount,
    upsertedCount: result.upsertedCount,
    deletedCount: result.deletedCount,
  };
}

export interface MongoStoreOptions {
  uri: string;
  database: string;
  /** How long an operation waits for a reachable server before failing with StoreUnavailableError. */
  serverSelectionTimeoutMS?: number;
  /** How long one operation may run (benchmarks of full scans on FerretDB need minutes). */
  socketTimeoutMS?: number;
}

/** MongoDB through the official driver: one pooled client per process. */
export class MongoStore implements Store {
  readonly kind = "mongodb" as const;
  readonly client: MongoClient;
  private readonly database: string;
  private readonly host: string;
  private server: Promise<"mongodb" | "ferretdb"> | undefined;
  private writeQueue: Promise<unknown> = Promise.resolve();
  private connected: Promise<void> | undefined;
  private closed = false;

  constructor(options: MongoStoreOptions) {
    this.client = new MongoClient(options.uri, {
      appName: "echotune",
      maxPoolSize: 10,
      minPoolSize: 0,
      maxIdleTimeMS: 60_000,
      serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 5_000,
      connectTimeoutMS: 5_000,
      socketTimeoutMS: options.socketTimeoutMS ?? 30_000,
    });
    this.database = options.database;
    this.host = this.client.options.hosts.map((host) => host.toString()).join(",");
  }

  collection<T extends StoredDocument>(name: string): StoreCollection<T> {
    return new MongoCollection<T>(this.client.db(this.database).collection<T>(name), this.connection);
  }

  /**
   * The driver connects on first use, but when that first attempt fails (the server is down as the
   * process starts) the client stays "closed" for good. Connecting explicitly, and again after a
   * failure, lets the app recover by itself once the server is back.
   */
  private ready(): Promise<void> {
    if (this.closed) return Promise.reject(new MongoTopologyClosedError());
    this.connected ??= this.client.connect().then(
      () => undefined,
      (error: unknown) => {
        this.connected = undefined;
        throw error;
      },
    );
    return this.connected;
  }

  private readonly connection: Connection = {
    ready: () => this.ready(),
    serialize: (write) => this.serialize(write),
  };

  /** Which server answers: MongoDB proper, or FerretDB (our local and test server). */
  serverKind(): Promise<"mongodb" | "ferretdb"> {
    this.server ??= this.ready()
      .then(() => this.client.db("admin").command({ buildInfo: 1 }))
      .then((info) => (info.ferretdbVersion ? ("ferretdb" as const) : ("mongodb" as const)))
      .catch((error: unknown) => {
        this.server = undefined;
        throw error;
      });
    return this.server;
  }

  /**
   * FerretDB v1 applies an update as read-modify-write without isolation: twelve concurrent $inc on
   * one document keep about three. MongoDB's updates are atomic, so only on FerretDB do this
   * process's updates go one at a time (other processes can still race; production runs MongoDB).
   */
  private readonly serialize: Serialize = async (write) => {
    if ((await guard(() => this.serverKind())) === "mongodb") return write();
    const turn = this.writeQueue.then(write, write);
    this.writeQueue = turn.catch(() => undefined);
    return turn;
  };

  ping(): Promise<void> {
    return guard(async () => {
      await this.ready();
      await this.client.db(this.database).command({ ping: 1 });
    });
  }

  describe(): string {
    return `mongodb at ${this.host}/${this.database}`;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client.close();
  }
}
