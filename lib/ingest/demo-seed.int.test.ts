/**
 * The shared demo history is the history up to yesterday: stored once per day for every visitor,
 * replaced by the next day's on the first visit of that day (plays, rollups and segments, nothing
 * of the old day left), by one run however many requests and instances ask, and stored again in
 * full after a run that stopped midway. Both store adapters; a small history (the same generator,
 * fewer plays) keeps it quick.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import {
  DEMO_USER_ID,
  EmbeddedStore,
  ensureIndexes,
  listeningRepository,
  MongoStore,
  playsRepository,
  rollupsRepository,
  type Store,
} from "@/lib/db";
import { demoHistoryDay, demoListenerOptions, generateListeningHistory } from "@/lib/demo";
import { loadListeningIndex } from "@/lib/listening";
import { crashingStore, forgetListeningState } from "@/lib/listening/testing/crash-store";
import { DEMO_SEED_LEASE_MS, ensureDemoHistory } from "./demo-seed";
import { storeRows } from "./import";
import { extendedRow } from "./testing/rows";

const PLAYS = 2_500;
const MONDAY = new Date("2026-11-30T09:00:00Z");
const TUESDAY = new Date("2026-12-01T09:00:00Z");
const WEDNESDAY = new Date("2026-12-02T09:00:00Z");
const later = (at: Date, ms: number) => new Date(at.getTime() + ms);

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

/** The music plays of `now`'s demo history, as the import stores them: to the second, each stream once, in time order. */
function expectedPlays(now: Date): number[] {
  const seen = new Set<string>();
  const times: number[] = [];
  for (const stream of generateListeningHistory({ ...demoListenerOptions(now), plays: PLAYS })) {
    if (!stream.trackId) continue;
    const second = Math.floor(stream.ts.getTime() / 1000) * 1000;
    const key = `${second}|${stream.trackId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    times.push(second);
  }
  return times.sort((a, b) => a - b);
}

/** The dashboard's index, the raw plays and the day rollups all hold exactly `now`'s history. */
async function expectHistoryOf(store: Store, now: Date) {
  forgetListeningState();
  const want = expectedPlays(now);
  const index = await loadListeningIndex(store, DEMO_USER_ID);
  expect(Array.from(index.playedAt)).toEqual(want);
  expect(await playsRepository(store).count(DEMO_USER_ID)).toBe(want.length);
  const days = await rollupsRepository(store).days(DEMO_USER_ID);
  expect(days.reduce((sum, day) => sum + day.plays, 0)).toBe(want.length);
  expect(await listeningRepository(store).pending(DEMO_USER_ID)).toEqual([]);
}

/** Forgets this process's run, as another instance would not know it. */
function anotherInstance(): void {
  const slot = (globalThis as unknown as Record<symbol, { run?: Promise<void> } | undefined>)[Symbol.for("echotune.ingest.demoSeed")];
  if (slot) slot.run = undefined;
}

function describeDemoSeed(label: string, open: (location: string) => Promise<Store>) {
  describe(`the shared demo history: ${label}`, () => {
    it("is stored once a day, and the next day's replaces it", async () => {
      const store = await open(randomUUID().slice(0, 8));
      await ensureIndexes(store);
      const trained: string[] = [];
      const onStored = async () => void trained.push("trained");

      expect(await ensureDemoHistory(store, { now: MONDAY, plays: PLAYS, start: false })).toBe("preparing");
      expect(await ensureDemoHistory(store, { now: MONDAY, plays: PLAYS, wait: true, onStored })).toBe("ready");
      await expectHistoryOf(store, MONDAY);
      const monday = await listeningRepository(store).revision(DEMO_USER_ID);
      expect(trained).toEqual(["trained"]);

      // Later the same day: nothing to do.
      expect(await ensureDemoHistory(store, { now: later(MONDAY, 12 * 3_600_000), plays: PLAYS, wait: true, onStored })).toBe("ready");
      expect(await listeningRepository(store).revision(DEMO_USER_ID)).toBe(monday);
      expect(trained).toHaveLength(1);

      // The next day: Monday's history is not today's.
      expect(await ensureDemoHistory(store, { now: TUESDAY, plays: PLAYS, start: false })).toBe("preparing");
      expect(await ensureDemoHistory(store, { now: TUESDAY, plays: PLAYS, wait: true, onStored })).toBe("ready");
      await expectHistoryOf(store, TUESDAY);
      expect(expectedPlays(TUESDAY)).not.toEqual(expectedPlays(MONDAY));
      // The revision only moves forward, so nothing cached for Monday's history is served for Tuesday's.
      expect(await listeningRepository(store).revision(DEMO_USER_ID)).toBeGreaterThan(monday);
      // The recommender is trained on the new history.
      expect(trained).toHaveLength(2);
      await store.close();
    });

    it("replaces a demo history stored before it had a day (the old fixed one)", async () => {
      const store = await open(randomUUID().slice(0, 8));
      await ensureIndexes(store);
      const old = [
        extendedRow("2026-10-30T20:00:00Z", "OLDOLDOLDOLDOLDOLDOLD1"),
        extendedRow("2026-10-31T20:00:00Z", "OLDOLDOLDOLDOLDOLDOLD2"),
      ];
      await storeRows(store, DEMO_USER_ID, "demo-history", "c0", old);
      await listeningRepository(store).setFlag("demo-history-stored");

      expect(await ensureDemoHistory(store, { now: MONDAY, plays: PLAYS, wait: true })).toBe("ready");
      await expectHistoryOf(store, MONDAY);
      expect(await listeningRepository(store).hasFlag("demo-history-stored")).toBe(false);
      await store.close();
    });

    it("is stored by one run when several requests and instances ask at once", async () => {
      const store = await open(randomUUID().slice(0, 8));
      await ensureIndexes(store);
      let trained = 0;
      const onStored = async () => void (trained += 1);
      const asks: Array<Promise<"ready" | "preparing">> = [];
      for (let instance = 0; instance < 3; instance++) {
        for (let request = 0; request < 3; request++)
          asks.push(ensureDemoHistory(store, { now: MONDAY, plays: PLAYS, wait: true, onStored }));
        anotherInstance();
      }
      const answers = await Promise.all(asks);
      // Those whose run found the day taken say "preparing"; the page asks again a moment later.
      expect(answers).toContain("ready");
      expect(await ensureDemoHistory(store, { now: MONDAY, plays: PLAYS, start: false })).toBe("ready");
      expect(trained).toBe(1);
      await expectHistoryOf(store, MONDAY);
      await store.close();
    });

    it("is stored again in full after a run stopped midway, once the run's lease has run out", async () => {
      const location = randomUUID().slice(0, 8);
      const setup = await open(location);
      await ensureIndexes(setup);
      expect(await ensureDemoHistory(setup, { now: MONDAY, plays: PLAYS, wait: true })).toBe("ready");
      await setup.close();

      // Tuesday's run dies after it has deleted Monday's history and stored Tuesday's plays, before their rollups and segment.
      const plain = await open(location);
      const dying = crashingStore(plain, (write) => write.collection === "rollups" && write.method === "insertMany");
      expect(await ensureDemoHistory(dying, { now: TUESDAY, plays: PLAYS, wait: true })).toBe("preparing");
      expect(await playsRepository(plain).count(DEMO_USER_ID)).toBe(expectedPlays(TUESDAY).length);
      await plain.close();
      forgetListeningState();

      // Another instance, within the dead run's lease: it does not start a second run.
      const restarted = await open(location);
      expect(await ensureDemoHistory(restarted, { now: later(TUESDAY, DEMO_SEED_LEASE_MS / 2), plays: PLAYS, wait: true })).toBe(
        "preparing",
      );
      // Meanwhile readers see an empty history, never Monday's mixed with Tuesday's.
      expect((await loadListeningIndex(restarted, DEMO_USER_ID)).count).toBe(0);
      // Once the lease has run out, the next visit stores the day again, all of it.
      const afterLease = later(TUESDAY, DEMO_SEED_LEASE_MS + 1_000);
      expect(await ensureDemoHistory(restarted, { now: afterLease, plays: PLAYS, wait: true })).toBe("ready");
      await expectHistoryOf(restarted, TUESDAY);
      await restarted.close();
    });

    it("hands the seed to one run at a time: a newer day takes it from a run still storing an older one", async () => {
      const store = await open(randomUUID().slice(0, 8));
      const listening = listeningRepository(store);
      const day = demoHistoryDay(MONDAY);
      const claims = await Promise.all(
        ["a", "b", "c"].map((run) => listening.claimSeed("seed-test", day, run, DEMO_SEED_LEASE_MS, MONDAY)),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      const winner = ["a", "b", "c"][claims.indexOf(true)]!;
      expect(await listening.renewSeed("seed-test", winner, { stored: 1, total: 2 }, DEMO_SEED_LEASE_MS, MONDAY)).toBe(true);
      expect(await listening.claimSeed("seed-test", day, "late", DEMO_SEED_LEASE_MS, later(MONDAY, 1_000))).toBe(false);

      // Past midnight, Wednesday's run takes over; Monday's can no longer renew or finish.
      expect(await listening.claimSeed("seed-test", demoHistoryDay(WEDNESDAY), "next", DEMO_SEED_LEASE_MS, WEDNESDAY)).toBe(true);
      expect(await listening.renewSeed("seed-test", winner, { stored: 2, total: 2 }, DEMO_SEED_LEASE_MS, WEDNESDAY)).toBe(false);
      expect(await listening.finishSeed("seed-test", winner, WEDNESDAY)).toBe(false);
      expect(await listening.finishSeed("seed-test", "next", WEDNESDAY)).toBe(true);
      // Stored: nobody claims the day again.
      expect(
        await listening.claimSeed(
          "seed-test",
          demoHistoryDay(WEDNESDAY),
          "again",
          DEMO_SEED_LEASE_MS,
          later(WEDNESDAY, DEMO_SEED_LEASE_MS * 10),
        ),
      ).toBe(false);
      expect(await listening.seedState("seed-test")).toMatchObject({ day: demoHistoryDay(WEDNESDAY), status: "stored", run: "next" });
      await store.close();
    });
  });
}

const root = mkdtempSync(join(tmpdir(), "echotune-demo-seed-"));
cleanups.push(() => rmSync(root, { recursive: true, force: true }));
describeDemoSeed("embedded", async (location) => new EmbeddedStore(join(root, location)));

const mongoUri = inject("mongoUri");
describeDemoSeed(
  `mongodb (${inject("mongoServer")})`,
  async (location) => new MongoStore({ uri: mongoUri, database: `demoseed_${location}` }),
);
