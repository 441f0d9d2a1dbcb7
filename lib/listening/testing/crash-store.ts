/**
 * Test support for crash tests: a store that stops at a chosen write, as a process killed between
 * two writes would, and a way to forget this process's listening state (a restart).
 */
import type { Store, StoreCollection, StoredDocument } from "@/lib/db";

const WRITES = ["insertOne", "insertMany", "updateOne", "updateMany", "deleteOne", "deleteMany", "bulkWrite"] as const;

export interface StoreWrite {
  /** 1 for the first write through this store. */
  n: number;
  collection: string;
  method: (typeof WRITES)[number];
}

export class InjectedCrash extends Error {
  readonly write: StoreWrite;

  constructor(write: StoreWrite) {
    super(`injected crash before write ${write.n} (${write.collection}.${write.method})`);
    this.name = "InjectedCrash";
    this.write = write;
  }
}

/**
 * `inner` with every write counted (`writes`), and the write `crashAt` picks refused with
 * `InjectedCrash` before it reaches the store: nothing of it, and nothing after it, is written.
 */
export function crashingStore(inner: Store, crashAt: (write: StoreWrite) => boolean = () => false): Store & { writes: StoreWrite[] } {
  const writes: StoreWrite[] = [];
  let crashed = false;
  return {
    kind: inner.kind,
    writes,
    ping: () => inner.ping(),
    describe: () => `crashing ${inner.describe()}`,
    close: () => inner.close(),
    collection<T extends StoredDocument>(name: string): StoreCollection<T> {
      const collection = inner.collection<T>(name);
      return new Proxy(collection, {
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver) as unknown;
          if (typeof value !== "function") return value;
          if (!(WRITES as readonly string[]).includes(property as string)) return value.bind(target);
          return (...args: unknown[]) => {
            const write: StoreWrite = { n: writes.length + 1, collection: name, method: property as StoreWrite["method"] };
            // A dead process writes nothing more.
            if (crashed) return Promise.reject(new InjectedCrash(write));
            if (crashAt(write)) {
              crashed = true;
              return Promise.reject(new InjectedCrash(write));
            }
            writes.push(write);
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
    },
  };
}

/** A restart as far as the listening layer knows: no cached index, load in flight or merge pending. */
export function forgetListeningState(): void {
  for (const name of ["listening.indexes", "listening.indexLoads", "listening.compactable"]) {
    const slot = (globalThis as unknown as Record<symbol, Map<unknown, unknown> | undefined>)[Symbol.for(`echotune.${name}`)];
    slot?.clear();
  }
}
