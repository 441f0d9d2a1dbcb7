/**
 * `npm run repair` rebuilds a listener's segments and day rollups from their plays: after the
 * segments are lost, the dashboard shows the same numbers again. Both store adapters for the
 * function; the CLI once, on the embedded store, as a person runs it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { EmbeddedStore, ensureIndexes, listeningRepository, MongoStore, playsRepository, rollupsRepository, type Store } from "@/lib/db";
import { storeRecentPlays, storeRows } from "@/lib/ingest";
import { accountRow, extendedRow } from "@/lib/ingest/testing/rows";
import { loadListeningIndex, rebuildListening } from "@/lib/listening";
import { forgetListeningState } from "@/lib/listening/testing/crash-store";

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

const id = (n: number) => `${"D".repeat(18)}${String(n).padStart(4, "0")}`;
const at = (hours: number) => new Date(Date.parse("2024-07-01T08:00:00Z") + hours * 3_600_000).toISOString().replace(".000Z", "Z");

/** A listener with an import of two chunks (one replacing account data) and a sync. */
async function history(store: Store, user: string) {
  await storeRows(store, user, "imp-0", "c0", [accountRow(at(0).slice(0, 16), "Song DDDD"), accountRow(at(51).slice(0, 16), "Elsewhere")]);
  await storeRows(
    store,
    user,
    "imp-1",
    "c0",
    Array.from({ length: 30 }, (_, n) => extendedRow(at(n * 2), id(n), { msPlayed: n % 4 === 0 ? 5_000 : 190_000 })),
  );
  await storeRows(
    store,
    user,
    "imp-1",
    "c1",
    Array.from({ length: 20 }, (_, n) => extendedRow(at(60 + n * 3), id(100 + n), { skipped: n % 3 === 0 })),
  );
  await storeRecentPlays(
    store,
    user,
    Array.from({ length: 5 }, (_, n) => ({
      playedAt: new Date(Date.parse("2024-07-10T20:00:00Z") + n * 300_000),
      track: {
        id: id(200 + n),
        uri: "",
        name: `Synced ${n}`,
        durationMs: 210_000,
        explicit: false,
        artists: [{ id: "x", name: "Floating Points" }],
        album: null,
        trackNumber: 1,
        previewUrl: null,
      },
    })),
    null,
  );
}

/** The numbers the dashboard and the day views are made of. */
async function dashboard(store: Store, user: string) {
  forgetListeningState();
  const index = await loadListeningIndex(store, user);
  const days = await rollupsRepository(store).days(user);
  return {
    plays: index.count,
    playedAt: Array.from(index.playedAt),
    msPlayed: Array.from(index.msPlayed),
    flags: Array.from(index.flags),
    tracks: index.tracks.length,
    artists: index.artists.map((artist) => artist.key),
    days: days.map(({ bucket, plays, listens, msPlayed, skips, hours }) => ({
      bucket,
      plays,
      listens,
      msPlayed,
      skips,
      // An hour's total that $inc never touched is absent rather than 0: the same number.
      hours: Object.fromEntries(
        Object.entries(hours).map(([hour, totals]) => [
          hour,
          { plays: totals.plays ?? 0, listens: totals.listens ?? 0, msPlayed: totals.msPlayed ?? 0, skips: totals.skips ?? 0 },
        ]),
      ),
    })),
  };
}

/** What a lost write leaves: no segments, and a day rollup gone. */
async function loseSegments(store: Store, user: string) {
  await listeningRepository(store).deleteAll(user);
  await store.collection("rollups").deleteOne({ _id: `${user}|day|2024-07-02` });
}

function describeRepair(label: string, open: () => Promise<Store>) {
  describe(`repair: ${label}`, () => {
    it("rebuilds segments and rollups from the plays: the same dashboard numbers, twice over", async () => {
      const store = await open();
      await ensureIndexes(store);
      const user = `u-${randomUUID().slice(0, 8)}`;
      await history(store, user);
      const before = await dashboard(store, user);
      expect(before.plays).toBe(await playsRepository(store).count(user));
      await loseSegments(store, user);
      expect((await dashboard(store, user)).plays).toBe(0);

      const report = await rebuildListening(store, user);
      expect(report).toMatchObject({ userId: user, plays: before.plays, segmentsBefore: 0, segmentsAfter: 1 });
      expect(await dashboard(store, user)).toEqual(before);
      // Idempotent: a second run writes the same segments and days.
      expect(await rebuildListening(store, user)).toMatchObject({ plays: before.plays, segmentsBefore: 1, segmentsAfter: 1 });
      expect(await dashboard(store, user)).toEqual(before);
    });
  });
}

describeRepair("embedded", async () => {
  const dir = mkdtempSync(join(tmpdir(), "echotune-repair-"));
  const store = new EmbeddedStore(dir);
  cleanups.push(async () => (await store.close(), rmSync(dir, { recursive: true, force: true })));
  return store;
});

describeRepair(`mongodb (${inject("mongoServer")})`, async () => {
  const store = new MongoStore({ uri: inject("mongoUri"), database: `repair_${randomUUID().slice(0, 8)}` });
  cleanups.push(() => store.close());
  return store;
});

describe("npm run repair", () => {
  it("restores a listener whose segments were deleted, and says what it did", async () => {
    const dir = mkdtempSync(join(tmpdir(), "echotune-repair-cli-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const user = "cli-listener";
    let store = new EmbeddedStore(dir);
    await ensureIndexes(store);
    await history(store, user);
    const before = await dashboard(store, user);
    await loseSegments(store, user);
    await store.close();

    const result = spawnSync(process.execPath, ["--import", "./scripts/register.ts", "scripts/repair.ts", "--user", user], {
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, DATA_DIR: dir, MONGODB_URI: "", UPSTASH_REDIS_REST_URL: "", UPSTASH_REDIS_REST_TOKEN: "", LOG_LEVEL: "info" },
    });
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Listener ${user}: ${before.plays} stored plays.`);
    expect(result.stdout).toContain(`Dashboard plays: 0 before, ${before.plays} after.`);

    store = new EmbeddedStore(dir);
    try {
      expect(await dashboard(store, user)).toEqual(before);
    } finally {
      await store.close();
    }
  });
});
