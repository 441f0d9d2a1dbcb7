/**
 * Merging small segments is idempotent: a merge stopped between writing the merged segment and
 * deleting the originals counts each play once, a second merge of the same set (another instance)
 * writes nothing new, and two merges at once leave one merged segment. Both store adapters.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { EmbeddedStore, ensureIndexes, listeningRepository, MongoStore, type Store } from "@/lib/db";
import { trackKeyFor } from "./identity";
import { compactSegments, loadListeningIndex } from "./load";
import { toPlayRow } from "./row";
import { encodePlays } from "./segments";
import { crashingStore, forgetListeningState } from "./testing/crash-store";

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

const START = Date.parse("2024-02-01T12:00:00Z");

function onePlay(n: number) {
  const names = { trackId: null, artistName: "Nala Sinephro", trackName: `Space ${n}` };
  return encodePlays([
    toPlayRow({
      ...names,
      playedAt: START + n * 600_000,
      msPlayed: 200_000,
      trackKey: trackKeyFor(names),
      albumName: null,
      platform: "ios",
      skipped: null,
      reasonEnd: null,
      shuffle: null,
    }),
  ]);
}

/** What this process's loader planned to merge for the listener (what another instance would hold). */
type Plan = unknown;
const plans = () => (globalThis as unknown as Record<symbol, Map<string, Plan>>)[Symbol.for("echotune.listening.compactable")]!;

/** `count` sync-sized segments, one play each, from play `first` on. */
async function syncRuns(store: Store, user: string, first: number, count: number) {
  for (let n = first; n < first + count; n++) await listeningRepository(store).appendPlays(user, `sync|${n}`, onePlay(n));
}

/** A fresh load (as after a restart) and what it planned to merge. */
async function freshLoad(store: Store, user: string) {
  forgetListeningState();
  const index = await loadListeningIndex(store, user);
  return { count: index.count, plan: plans().get(user) };
}

async function mergedSegments(store: Store, user: string) {
  const segments = await listeningRepository(store).segments(user);
  return { merged: segments.filter((segment) => (segment.replaces?.length ?? 0) > 0), all: segments };
}

function describeMerges(label: string, open: () => Promise<Store>) {
  describe(`merging small segments: ${label}`, () => {
    it("stopped after writing the merged segment, counts each play once; merging the same set again changes nothing", async () => {
      const store = await open();
      await ensureIndexes(store);
      const user = `u-${randomUUID().slice(0, 8)}`;
      await syncRuns(store, user, 0, 33);
      const loaded = await freshLoad(store, user);
      expect(loaded.count).toBe(33);
      expect(loaded.plan).toBeDefined();

      // The process dies after the merged segment is written, before the originals are deleted.
      const dying = crashingStore(store, (write) => write.collection === "listening" && write.method === "deleteMany");
      await compactSegments(dying, user);
      await syncRuns(store, user, 33, 1);
      // 33 plays and 1 more: 34, not the originals and their merge (67).
      expect((await freshLoad(store, user)).count).toBe(34);
      expect((await mergedSegments(store, user)).merged).toHaveLength(1);
      expect((await mergedSegments(store, user)).all).toHaveLength(35);

      // Another instance that loaded before the merge now merges the same set: the same document.
      plans().set(user, loaded.plan);
      await compactSegments(store, user);
      const after = await mergedSegments(store, user);
      expect(after.merged).toHaveLength(1);
      expect(after.all).toHaveLength(2);
      const revision = await listeningRepository(store).revision(user);
      expect((await freshLoad(store, user)).count).toBe(34);

      // And once more: nothing left to write or delete.
      plans().set(user, loaded.plan);
      await compactSegments(store, user);
      expect(await listeningRepository(store).revision(user)).toBe(revision);
      expect((await mergedSegments(store, user)).all).toHaveLength(2);
    });

    it("two instances merging at once write one merged segment; overlapping merges count each play once", async () => {
      const store = await open();
      await ensureIndexes(store);
      const user = `u-${randomUUID().slice(0, 8)}`;
      await syncRuns(store, user, 0, 40);
      const { plan } = await freshLoad(store, user);
      plans().set(user, plan);
      const first = compactSegments(store, user);
      plans().set(user, plan);
      const second = compactSegments(store, user);
      await Promise.all([first, second]);
      expect((await freshLoad(store, user)).count).toBe(40);
      const merged = await mergedSegments(store, user);
      expect(merged.merged).toHaveLength(1);
      expect(merged.all).toHaveLength(1);

      // Loads a revision apart plan sets that overlap: one instance stops after its write, the other
      // (one more segment) finishes. The smaller merge's plays are all in the larger one.
      const other = `u-${randomUUID().slice(0, 8)}`;
      await syncRuns(store, other, 0, 33);
      const early = (await freshLoad(store, other)).plan;
      await syncRuns(store, other, 33, 1);
      const late = (await freshLoad(store, other)).plan;
      plans().set(other, early);
      await compactSegments(
        crashingStore(store, (write) => write.method === "deleteMany"),
        other,
      );
      plans().set(other, late);
      await compactSegments(store, other);
      expect((await freshLoad(store, other)).count).toBe(34);
      expect((await mergedSegments(store, other)).merged).toHaveLength(2);
    });
  });
}

describeMerges("embedded", async () => {
  const dir = mkdtempSync(join(tmpdir(), "echotune-merge-"));
  const store = new EmbeddedStore(dir);
  cleanups.push(async () => (await store.close(), rmSync(dir, { recursive: true, force: true })));
  return store;
});

describeMerges(`mongodb (${inject("mongoServer")})`, async () => {
  const store = new MongoStore({ uri: inject("mongoUri"), database: `merge_${randomUUID().slice(0, 8)}` });
  cleanups.push(() => store.close());
  return store;
});
