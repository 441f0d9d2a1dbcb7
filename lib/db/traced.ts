import { withSpan } from "@/lib/telemetry";
import type { Store, StoreCollection, StoredDocument } from "./port";

const OPERATIONS = new Set([
  "find",
  "findOne",
  "insertOne",
  "insertMany",
  "updateOne",
  "updateMany",
  "deleteOne",
  "deleteMany",
  "countDocuments",
  "aggregate",
  "bulkWrite",
]);

/**
 * The store with a span around every collection operation, named `db.<operation> <collection>`
 * and carrying only the collection, the operation and the store kind, never filters or documents.
 * A proxy, so the adapter's own methods and `instanceof` keep working.
 */
export function tracedStore(store: Store): Store {
  const collections = new Map<string, StoreCollection<StoredDocument>>();
  const traced = (name: string): StoreCollection<StoredDocument> => {
    const inner = store.collection<StoredDocument>(name);
    return new Proxy(inner, {
      get(target, property) {
        const value = Reflect.get(target, property) as unknown;
        if (typeof property !== "string" || typeof value !== "function") return value;
        const method = value as (...args: unknown[]) => Promise<unknown>;
        if (!OPERATIONS.has(property)) return method.bind(target);
        return (...args: unknown[]) =>
          withSpan(
            `db.${property} ${name}`,
            { "db.system.name": store.kind, "db.collection.name": name, "db.operation.name": property },
            () => method.apply(target, args),
          );
      },
    });
  };
  return new Proxy(store, {
    get(target, property) {
      if (property === "collection") {
        return (name: string) => {
          let collection = collections.get(name);
          if (!collection) {
            collection = traced(name);
            collections.set(name, collection);
          }
          return collection;
        };
      }
      const value = Reflect.get(target, property) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
