/**
 * The store killed in the middle of an import, then restarted: through the real import routes
 * (start, chunks, report; then the import closed as the complete route does) against a FerretDB of this file's own, killed with SIGKILL while a
 * chunk is being written (twice, early and late in a chunk's writes). The chunk fails with a
 * retryable 503 problem (Retry-After); once FerretDB is back on the same port and data, the upload
 * resumes where the report says it stopped, and the stored plays are the export's, each exactly
 * once (counted and by identity key), with a report and day rollups that add up.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportRow } from "@/lib/ingest";
import { extendedRow } from "@/lib/ingest/testing/rows";
import { startFerretDb, type FerretDb } from "@/scripts/services/ferretdb";

const SPOTIFY_ID = `outage-${randomUUID().slice(0, 8)}`;
const USER = `spotify:${SPOTIFY_ID}`;
const DATABASE = `import_outage_${randomUUID().slice(0, 8)}`;
const ORIGIN = "http://127.0.0.1:3000";
const CHUNK_ROWS = 1_000;
const UNIQUE = 5_400;
/** Streams the export holds twice (it happens across export files): stored once, reported as duplicates. */
const REPEATED = 25;
const SHORT_EVERY = 10;

let ferret: FerretDb;
let direct: MongoClient;
let dataDir: string;
let cookie: string;

/** The export: 5,400 streams a few minutes apart, every tenth short, 25 of them twice, in time order. */
function exportRows(): ImportRow[] {
  const start = Date.parse("2023-01-01T08:00:00Z");
  const unique = Array.from({ length: UNIQUE }, (_, n) =>
    extendedRow(new Date(start + n * 7 * 60_000).toISOString().replace(/\.\d+Z$/, "Z"), `T${String(n).padStart(21, "0")}`, {
      trackName: `Song ${n % 400}`,
      artistName: `Artist ${n % 37}`,
      msPlayed: n % SHORT_EVERY === 0 ? 9_000 : 180_000,
      skipped: n % SHORT_EVERY === 0,
    }),
  );
  const repeats = Array.from({ length: REPEATED }, (_, n) => ({ ...unique[n * 97]! }));
  return [...unique, ...repeats].sort((a, b) => (a.endedAt < b.endedAt ? -1 : a.endedAt > b.endedAt ? 1 : 0));
}

beforeAll(async () => {
  // A FerretDB of its own: this file kills it.
  ferret = await startFerretDb();
  direct = new MongoClient(ferret.uri, { serverSelectionTimeoutMS: 2_000 });
  dataDir = mkdtempSync(join(tmpdir(), "echotune-import-outage-"));
  Object.assign(process.env, {
    MONGODB_URI: ferret.uri,
    MONGODB_DB: DATABASE,
    DATA_DIR: dataDir,
    AUTH_SECRET: "a-test-secret-that-is-long-enough-0123456789",
  });
  for (const name of ["UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "AUTH_URL", "NEXTAUTH_URL", "VERCEL"]) delete process.env[name];
  const db = await import("@/lib/db");
  await db.usersRepository(await db.getStore()).upsertSpotifyUser({
    id: SPOTIFY_ID,
    displayName: "Outage",
    email: null,
    imageUrl: null,
    country: "DE",
    product: "premium",
  });
  const { sessionCookieFor } = await import("@/lib/auth/testing");
  cookie = await sessionCookieFor({ id: USER, isDemo: false });
}, 120_000);

afterAll(async () => {
  const { closeStore } = await import("@/lib/db");
  await closeStore().catch(() => undefined);
  await direct?.close();
  await ferret?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

const post = (path: string, body: unknown) =>
  new Request(`${ORIGIN}${path}`, {
    method: "POST",
    headers: { cookie, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

async function routes() {
  return {
    start: (await import("./route")).POST,
    chunk: (await import("./[id]/chunks/route")).POST,
    completeImport: (await import("@/lib/ingest")).completeImport,
    report: (await import("./[id]/route")).GET,
  };
}

describe("an import with the store killed midway", () => {
  it("fails the chunk with a retryable 503, then resumes with nothing lost or stored twice", async () => {
    const { start, chunk, completeImport, report } = await routes();
    const { playId } = await import("@/lib/db");
    const { trackKeyFor } = await import("@/lib/listening");
    const rows = exportRows();
    const chunks = Array.from({ length: Math.ceil(rows.length / CHUNK_ROWS) }, (_, index) => ({
      chunkId: `part-${index}`,
      rows: rows.slice(index * CHUNK_ROWS, (index + 1) * CHUNK_ROWS),
      rejected: index === 0 ? { podcast_episode: 3 } : {},
    }));
    expect(chunks.length).toBe(6);

    const started = await start(
      post("/api/imports", { files: [{ name: "Streaming_History_Audio_2023.json", kind: "extended", rows: rows.length + 3 }] }),
      {
        params: Promise.resolve({}),
      },
    );
    expect(started.status).toBe(201);
    const { id } = (await started.json()) as { id: string };
    const params = { params: Promise.resolve({ id }) };
    const send = (part: (typeof chunks)[number]) => chunk(post(`/api/imports/${id}/chunks`, part), params);

    /**
     * The report, retried as the upload worker retries a 503 (it waits and asks again): the app's
     * MongoDB client needs a few seconds after the server is back before its requests succeed.
     */
    const progress = async () => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const answer = await report(new Request(`${ORIGIN}/api/imports/${id}`, { headers: { cookie } }), params);
        if (answer.status === 200) return (await answer.json()) as { status: string; chunkIds: string[] };
        expect(answer.status).toBe(503);
        if (Date.now() > deadline) throw new Error(`the store did not come back within 30 s: ${await answer.text()}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    };
    /**
     * Sends a chunk and kills FerretDB `after` ms into it, then restarts it. A chunk that beat the
     * kill is applied (the report says so) and the next one meets the dead store instead.
     */
    const killDuring = async (part: (typeof chunks)[number], after: number) => {
      const sent = send(part);
      await new Promise((resolve) => setTimeout(resolve, after));
      await ferret.stop({ kill: true });
      let answer = await sent;
      if (answer.status === 202) answer = await send(chunks[chunks.indexOf(part) + 1]!);
      expect(answer.status).toBe(503);
      expect(answer.headers.get("content-type")).toBe("application/problem+json");
      expect(Number(answer.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await answer.json()).toMatchObject({ code: "unavailable", status: 503 });
      await ferret.start();
    };
    /** The browser resumes from the report: it sends only the chunks not yet applied, in order. */
    const resume = async (upTo: number) => {
      const { status, chunkIds } = await progress();
      expect(status).toBe("receiving");
      expect(chunkIds).toEqual(chunks.slice(0, chunkIds.length).map((part) => part.chunkId));
      for (const part of chunks.slice(chunkIds.length, upTo)) expect((await send(part)).status).toBe(202);
    };

    const timed = performance.now();
    expect((await send(chunks[0]!)).status).toBe(202);
    const chunkMs = performance.now() - timed;
    expect((await send(chunks[1]!)).status).toBe(202);
    // Early in the third chunk (its plays going in), then late in the fifth (rollups, segment, report).
    await killDuring(chunks[2]!, chunkMs * 0.2);
    await resume(4);
    await killDuring(chunks[4]!, chunkMs * 0.7);
    await resume(chunks.length);
    // A chunk sent again (a lost response) changes nothing.
    const replayed = await send(chunks[2]!);
    expect(replayed.status).toBe(200);
    expect((await replayed.json()).replayed).toBe(true);

    // Closing it is the complete route's core (the route also queues name resolution with Next's after()).
    const final = await completeImport(USER, id);
    const shortPlays = Math.ceil(UNIQUE / SHORT_EVERY);
    expect(final).toMatchObject({ status: "completed", chunksReceived: 6 });
    expect(final.counts).toEqual({
      read: rows.length + 3,
      accepted: UNIQUE - shortPlays,
      short: shortPlays,
      duplicate: REPEATED,
      rejected: 3,
    });

    // Every stream of the export exactly once, by its identity key.
    const plays = await direct
      .db(DATABASE)
      .collection<{ _id: string }>("plays")
      .find({ userId: USER }, { projection: { _id: 1 } })
      .toArray();
    const expected = new Set(
      rows.map((row) =>
        playId(USER, new Date(row.endedAt), trackKeyFor({ trackId: row.trackId, trackName: row.trackName, artistName: row.artistName })),
      ),
    );
    expect(expected.size).toBe(UNIQUE);
    expect(plays.length).toBe(UNIQUE);
    expect(new Set(plays.map((play) => play._id))).toEqual(expected);

    // The day rollups the insights read count each play once too.
    const days = await direct
      .db(DATABASE)
      .collection<{ plays: number; listens: number }>("rollups")
      .find({ userId: USER, granularity: "day" })
      .toArray();
    expect(days.reduce((sum, day) => sum + day.plays, 0)).toBe(UNIQUE);
    expect(days.reduce((sum, day) => sum + day.listens, 0)).toBe(UNIQUE - shortPlays);
  }, 90_000);
});
