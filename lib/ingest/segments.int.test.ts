/**
 * Every stored play reaches the dashboard exactly once, whatever write a crash interrupts: a batch
 * (an import chunk, a sync page) is stopped before each of its writes in turn, the process
 * "restarts" (a new store instance on the same data, no per-process state), and the next run
 * (the chunk re-sent under a new import, the same chunk retried, the next sync) must leave the
 * listening index, the raw plays and the day rollups in agreement. Both store adapters.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { EmbeddedStore, ensureIndexes, MongoStore, playsRepository, rollupsRepository, type Store } from "@/lib/db";
import { loadListeningIndex, PENDING_LEASE_MS } from "@/lib/listening";
import { crashingStore, forgetListeningState, InjectedCrash } from "@/lib/listening/testing/crash-store";
import type { PlayedTrack } from "@/lib/spotify";
import { storeRows } from "./import";
import { storeRecentPlays } from "./sync";
import { accountRow, extendedRow } from "./testing/rows";

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

const id = (n: number) => `${"B".repeat(18)}${String(n).padStart(4, "0")}`;
/** 24 plays over three days, a few short. */
const chunkRows = Array.from({ length: 24 }, (_, n) =>
  extendedRow(new Date(Date.parse("2024-05-01T06:00:00Z") + n * 3 * 3_600_000).toISOString().replace(".000Z", "Z"), id(n), {
    msPlayed: n % 5 === 0 ? 9_000 : 180_000 + n,
  }),
);

function recent(n: number): PlayedTrack {
  return {
    playedAt: new Date(Date.parse("2024-06-01T10:00:00Z") + n * 240_000),
    track: {
      id: `${"C".repeat(18)}${String(n).padStart(4, "0")}`,
      uri: "",
      name: `Recent ${n}`,
      durationMs: 200_000 + n,
      explicit: false,
      artists: [{ id: "a1", name: "Nils Frahm" }],
      album: null,
      trackNumber: 1,
      previewUrl: null,
    },
  };
}
const page = Array.from({ length: 12 }, (_, n) => recent(n));

/** The dashboard (the listening index) holds each stored play once, and each day counts its plays once. */
async function expectEveryPlayOnce(store: Store, user: string) {
  forgetListeningState();
  const index = await loadListeningIndex(store, user);
  const stored = await playsRepository(store).between(user, {});
  expect(stored.length).toBeGreaterThan(0);
  expect(index.count).toBe(stored.length);
  expect(Array.from(index.playedAt)).toEqual(stored.map((play) => play.playedAt.getTime()));
  const perDay = new Map<string, { plays: number; msPlayed: number }>();
  for (const play of stored) {
    const day = play.playedAt.toISOString().slice(0, 10);
    const totals = perDay.get(day) ?? { plays: 0, msPlayed: 0 };
    totals.plays += 1;
    totals.msPlayed += play.msPlayed;
    perDay.set(day, totals);
  }
  const days = await rollupsRepository(store).days(user);
  expect(Object.fromEntries(days.map((day) => [day.bucket, { plays: day.plays, msPlayed: day.msPlayed }]))).toEqual(
    Object.fromEntries(perDay),
  );
}

interface Crash {
  name: string;
  /** Runs once before the crashing batch (what the listener already has). */
  before?: (store: Store, user: string) => Promise<unknown>;
  batch: (store: Store, user: string) => Promise<unknown>;
  next: Array<{ name: string; run: (store: Store, user: string) => Promise<unknown> }>;
}

const later = () => new Date(Date.now() + PENDING_LEASE_MS + 60_000);

const crashes: Crash[] = [
  {
    name: "an import chunk",
    batch: (store, user) => storeRows(store, user, "imp-1", "c0", chunkRows),
    next: [
      { name: "the chunk re-sent under a new import", run: (store, user) => storeRows(store, user, "imp-2", "c0", chunkRows) },
      { name: "the same chunk retried", run: (store, user) => storeRows(store, user, "imp-1", "c0", chunkRows) },
      {
        name: "the next sync, once the lease has passed",
        run: (store, user) => storeRecentPlays(store, user, [recent(40)], null, later()),
      },
    ],
  },
  {
    name: "an import chunk replacing account data",
    before: (store, user) =>
      storeRows(store, user, "acc", "c0", [accountRow("2024-05-01T06:00", "Song BBBB"), accountRow("2024-05-01T09:00", "Song BBBB")]),
    batch: (store, user) => storeRows(store, user, "imp-1", "c0", chunkRows),
    next: [{ name: "the chunk re-sent under a new import", run: (store, user) => storeRows(store, user, "imp-2", "c0", chunkRows) }],
  },
  {
    name: "a sync page",
    batch: (store, user) => storeRecentPlays(store, user, page, null),
    next: [
      // The cursor did not move: the same plays come again, with one played since.
      { name: "the next sync", run: (store, user) => storeRecentPlays(store, user, [...page, recent(12)], null) },
      {
        name: "an import, once the lease has passed",
        run: (store, user) => storeRows(store, user, "imp-9", "c0", chunkRows.slice(0, 2), { now: later() }),
      },
    ],
  },
];

function describeCrashes(label: string, open: (location: string) => Promise<Store>) {
  describe(`plays and their segments after a crash: ${label}`, () => {
    for (const crash of crashes) {
      for (const next of crash.next) {
        it(`${crash.name} stopped before each of its writes, then ${next.name}: every play on the dashboard once`, async () => {
          const location = randomUUID().slice(0, 8);
          const setup = await open(location);
          await ensureIndexes(setup);
          // A clean run first, to know the batch's writes.
          await crash.before?.(setup, "probe");
          const probe = crashingStore(setup);
          await crash.batch(probe, "probe");
          const writes = probe.writes;
          expect(writes.length).toBeGreaterThan(3);
          await setup.close();

          for (let k = 1; k <= writes.length; k++) {
            const user = `u-${k}`;
            const plain = await open(location);
            await crash.before?.(plain, user);
            // The batch, stopped before its k-th write.
            const dying = crashingStore(plain, (write) => write.n === k);
            const write = writes[k - 1]!;
            await expect(crash.batch(dying, user), `crash before ${write.collection}.${write.method}`).rejects.toThrow(InjectedCrash);
            await plain.close();
            forgetListeningState();

            const restarted = await open(location);
            await next.run(restarted, user);
            await expectEveryPlayOnce(restarted, user);
            await restarted.close();
          }
        });
      }
    }
  });
}

const root = mkdtempSync(join(tmpdir(), "echotune-crash-"));
cleanups.push(() => rmSync(root, { recursive: true, force: true }));
describeCrashes("embedded", async (location) => new EmbeddedStore(join(root, location)));

const mongoUri = inject("mongoUri");
describeCrashes(`mongodb (${inject("mongoServer")})`, async (location) => new MongoStore({ uri: mongoUri, database: `crash_${location}` }));
