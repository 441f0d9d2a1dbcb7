import { mkdtempSync, rmSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, inject } from "vitest";
import { EmbeddedStore } from "../embedded/store";
import { MongoStore } from "../mongodb";
import type { Store } from "../port";

/**
 * Declares `suite` once per store adapter, as `<name>: embedded` and `<name>: mongodb (<server>)`.
 * Each `open()` gives a store of its own: the embedded store in a new folder, or a new database on
 * the MongoDB server the integration project starts. All are closed (and their folders removed)
 * after the file's tests.
 */
export function describeEachStore(name: string, suite: (open: () => Promise<Store>) => void): void {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });
  describe(`${name}: embedded`, () =>
    suite(async () => {
      const dir = mkdtempSync(join(tmpdir(), "echotune-store-"));
      const store = new EmbeddedStore(dir);
      cleanups.push(async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      });
      return store;
    }));
  describe(`${name}: mongodb (${inject("mongoServer")})`, () =>
    suite(async () => {
      const store = new MongoStore({ uri: inject("mongoUri"), database: `test_${randomUUID().slice(0, 8)}` });
      cleanups.push(() => store.close());
      return store;
    }));
}
