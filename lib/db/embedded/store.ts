import { resolve } from "node:path";
import type { Store, StoredDocument, StoreCollection } from "../port";
import { EmbeddedCollection } from "./collection";
import { Journal, type JournalOptions, type JournalRecord } from "./journal";

/**
 * The zero-config store: MongoDB semantics in process (mingo), persisted to a journal under
 * DATA_DIR. One process at a time; a second one is refused with a message saying what to do.
 */
export class EmbeddedStore implements Store {
  readonly kind = "embedded" as const;
  readonly dir: string;
  /** Torn journal lines cut off while loading (a crash happened mid-write). */
  readonly repairedLines: number;
  private readonly journal: Journal;
  private readonly collections = new Map<string, EmbeddedCollection<StoredDocument>>();
  private compactDue = false;
  private closed = false;

  constructor(dataDir: string, options: JournalOptions = {}) {
    this.dir = resolve(dataDir, "store");
    this.journal = new Journal(this.dir, options);
    this.journal.acquireLock();
    try {
      const state = this.journal.load();
      this.repairedLines = state.repairedLines;
      for (const [name, { documents, indexes }] of state.collections) {
        this.collections.set(
          name,
          new EmbeddedCollection(name, this.host, documents.values() as Iterable<StoredDocument & Record<string, unknown>>, indexes),
        );
      }
    } catch (error) {
      this.journal.releaseLock();
      throw error;
    }
  }

  private readonly host = {
    append: (record: JournalRecord) => {
      if (this.closed) throw new Error("The embedded store is closed.");
      if (this.journal.append(record)) this.compactDue = true;
    },
    // Compaction runs right after a write lands in memory, so the snapshot holds every record of
    // the journal it replaces (a timer could starve behind a busy writer and let the journal grow).
    committed: () => {
      if (this.compactDue) this.compact();
    },
  };

  collection<T extends StoredDocument>(name: string): StoreCollection<T> {
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new EmbeddedCollection(name, this.host);
      this.collections.set(name, collection);
    }
    return collection as unknown as StoreCollection<T>;
  }

  /** Folds the journal into a fresh snapshot (runs by itself once the journal passes 256 MB and the snapshot's size). */
  compact(): void {
    this.compactDue = false;
    if (this.closed) return;
    this.journal.compact([...this.collections].map(([name, collection]) => [name, collection.snapshot()] as const));
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error("The embedded store is closed.");
  }

  describe(): string {
    return `embedded store at ${this.dir}`;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.journal.close();
  }
}
