/**
 * `npm run db:indexes`: creates every collection's indexes on the configured MongoDB (MONGODB_URI,
 * MONGODB_DB). Idempotent; the app also does it on first use, this is for deploy pipelines.
 */
import { env } from "@/lib/env";
import { closeStore, getStore, indexes } from "@/lib/db";

if (!env.MONGODB_URI) {
  console.error(
    "MONGODB_URI is not set: the embedded store creates its indexes itself. Set MONGODB_URI (and MONGODB_DB) to index a MongoDB.",
  );
  process.exit(1);
}

const store = await getStore();
for (const [collection, specs] of Object.entries(indexes)) {
  for (const spec of specs) console.log(`${collection}.${spec.name} ${JSON.stringify(spec.key)}${spec.unique ? " unique" : ""}`);
}
console.log(`Indexes are in place on ${store.describe()}.`);
await closeStore();
