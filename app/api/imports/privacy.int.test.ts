/**
 * No IP address, user agent or username from an export is ever stored. A realistic export zip
 * whose rows carry every personal field of both export generations goes through the real import
 * pipeline twice: as the browser sends it (parsed, then the import routes, plus a hostile client
 * that sends the raw rows), and through the CLI's pipeline. Then every document of every
 * collection, on both store adapters, and every key and value in Redis is searched for them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "@upstash/redis";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import type { RouteContext, RouteHandler } from "@/lib/http";

const dataDir = mkdtempSync(join(tmpdir(), "echotune-privacy-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const origin = "http://127.0.0.1:3000";
const IPV4 = "81.2.69.142";
const IPV6 = "2001:db8:85a3::8a2e:370:7334";
const USER_AGENT = "unknown; EchoTunePrivacyProbe/1.0 (Linux; Android 12)";
const USERNAME = "privacy-probe-7731";
/** A short username: V8's JSON errors quote the ten characters before the fault, enough to hold it. */
const SHORT_USERNAME = "zq77";
/** What must never be found stored, whole or in part. */
const SECRETS = [IPV4, "81.2.69", IPV6, "2001:db8:85a3", "EchoTunePrivacyProbe", USERNAME, SHORT_USERNAME];

const base62 = (n: number) => `${"4uLU6hMCjMI75M1A2tKU"}${String(n).padStart(2, "0")}`;

/** Rows of the current generation (ip_addr) and the older one (username, decrypted fields). */
function extendedRows(year: number, older: boolean) {
  return Array.from({ length: 30 }, (_, index) => ({
    ts: `${year}-03-${String((index % 28) + 1).padStart(2, "0")}T20:${String(index).padStart(2, "0")}:10Z`,
    ...(older ? { username: USERNAME } : {}),
    platform: older ? "Android OS 12 API 32 (Google, Pixel 5)" : "android",
    ms_played: 30_000 + index * 1_000,
    conn_country: "DE",
    ...(older ? { ip_addr_decrypted: IPV4, user_agent_decrypted: USER_AGENT } : { ip_addr: index % 2 ? IPV6 : "81.2.69.x" }),
    master_metadata_track_name: `Song ${index}`,
    master_metadata_album_artist_name: "Hania Rani",
    master_metadata_album_album_name: "Esja",
    spotify_track_uri: `spotify:track:${base62(index)}`,
    episode_name: null,
    episode_show_name: null,
    spotify_episode_uri: null,
    reason_start: "trackdone",
    reason_end: "trackdone",
    shuffle: false,
    skipped: index % 5 === 0,
    offline: false,
    offline_timestamp: 1_677_323_975,
    incognito_mode: false,
  }));
}

function exportZip(): Uint8Array {
  const folder = "Spotify Extended Streaming History/";
  const json = (value: unknown) => strToU8(JSON.stringify(value));
  return zipSync({
    [`${folder}Streaming_History_Audio_2023_0.json`]: json(extendedRows(2023, false)),
    [`${folder}endsong_0.json`]: json(extendedRows(2016, true)),
    // Damaged past the call stack's depth, right after a username: the engine's own error quotes it.
    [`${folder}Streaming_History_Audio_2024_1.json`]: strToU8(`${"[".repeat(20_000)}{"ip_addr":"${IPV4}"},["${SHORT_USERNAME}",nul]`),
    [`${folder}ReadMeFirst_ExtendedStreamingHistory.pdf`]: strToU8("%PDF-1.4"),
    "MyData/Userdata.json": json({ username: USERNAME, email: "probe@example.com", country: "DE", creationTime: "2015-01-01" }),
    "MyData/StreamingHistory_music_0.json": json([
      { endTime: "2024-01-10 20:57", artistName: "Hania Rani", trackName: "Glass", msPlayed: 142_613 },
    ]),
  });
}

describe.each([
  ["embedded", (): Record<string, string> => ({ DATA_DIR: join(dataDir, "embedded") })],
  ["mongodb", (): Record<string, string> => ({ MONGODB_URI: inject("mongoUri"), MONGODB_DB: `privacy_${process.pid}` })],
])("an export's personal fields (%s store)", (kind, storeVars) => {
  let createImport: RouteHandler;
  let sendChunk: RouteHandler;
  let cookie: string;
  let listenerId: string;

  beforeAll(async () => {
    vi.resetModules();
    vi.stubEnv("AUTH_SECRET", "a-test-secret-that-is-long-enough-0123456789");
    for (const name of ["MONGODB_URI", "AUTH_URL", "NEXTAUTH_URL", "DEMO"]) vi.stubEnv(name, undefined);
    vi.stubEnv("UPSTASH_REDIS_REST_URL", inject("upstashUrl"));
    vi.stubEnv("UPSTASH_REDIS_REST_TOKEN", inject("upstashToken"));
    for (const [name, value] of Object.entries(storeVars())) vi.stubEnv(name, value);
    ({ POST: createImport } = await import("./route"));
    ({ POST: sendChunk } = await import("./[id]/chunks/route"));
    const db = await import("@/lib/db");
    expect((await db.getStore()).kind).toBe(kind);
    const { signInAsDemoVisitor } = await import("@/lib/auth/testing");
    ({ cookie, id: listenerId } = await signInAsDemoVisitor(origin));
  });

  afterAll(async () => {
    const { closeStore } = await import("@/lib/db");
    await closeStore();
    vi.unstubAllEnvs();
  });

  const post = async (handler: RouteHandler, path: string, body: unknown, params: Record<string, string> = {}) => {
    const context: RouteContext = { params: Promise.resolve(params) };
    const request = new Request(`${origin}${path}`, {
      method: "POST",
      body: JSON.stringify(body),
      headers: { cookie, "content-type": "application/json", origin },
    });
    const response = await handler(request, context);
    expect(response.status, `${path}: ${await response.clone().text()}`).toBeLessThan(300);
    return (await response.json()) as { id: string; counts: { accepted: number } };
  };

  it("are stored nowhere: not in any collection, not in Redis", async () => {
    const { importExport } = await import("@/lib/ingest");
    const { parseExportEntry, readExportZip } = await import("@/lib/ingest/worker");
    const entries = readExportZip("my_spotify_data.zip", exportZip());

    // As the browser worker does it: parse, create the import, send chunks, complete.
    const parsed = entries.map((entry) => parseExportEntry(entry, { now: new Date("2026-01-01T00:00:00Z") }));
    const damaged = parsed.find((file) => file.name === "Streaming_History_Audio_2024_1.json");
    expect(damaged?.error?.code).toBe("malformed_json");
    const job = await post(createImport, "/api/imports", {
      files: parsed.map((file) => ({
        name: file.name,
        kind: file.kind,
        rows: file.rowsRead,
        message: (file.error?.message ?? file.message)?.slice(0, 1000),
      })),
    });
    const rows = parsed.flatMap((file) => file.rows);
    expect(rows.length).toBe(61);
    await post(sendChunk, `/api/imports/${job.id}/chunks`, { chunkId: "browser-0", rows, rejected: {} }, { id: job.id });
    // A client that skips the parser and sends the raw rows, personal fields and all.
    const raw = extendedRows(2019, true).map((row) => ({
      ...row,
      kind: "extended",
      endedAt: row.ts,
      trackId: row.spotify_track_uri.slice("spotify:track:".length),
      trackName: row.master_metadata_track_name,
      artistName: row.master_metadata_album_artist_name,
      albumName: row.master_metadata_album_album_name,
      msPlayed: row.ms_played,
      platform: row.platform,
      reasonStart: row.reason_start,
      reasonEnd: row.reason_end,
      shuffle: row.shuffle,
      skipped: row.skipped,
      offline: row.offline,
      incognito: row.incognito_mode,
      country: row.conn_country,
    }));
    await post(sendChunk, `/api/imports/${job.id}/chunks`, { chunkId: "raw-0", rows: raw, rejected: {} }, { id: job.id });
    // The complete route's own work, without its after() kick (no Next request scope in a test).
    const { completeImport } = await import("@/lib/ingest");
    const done = await completeImport(listenerId, job.id);
    expect(done.counts.accepted).toBeGreaterThan(50);

    // As the CLI does it.
    const { report: cli } = await importExport(listenerId, entries, { now: new Date("2026-01-01T00:00:00Z") });
    expect(cli.status).toBe("completed");

    const { collections, getStore } = await import("@/lib/db");
    const store = await getStore();
    let documents = 0;
    for (const name of Object.values(collections)) {
      const stored = await store.collection(name).find({});
      documents += stored.length;
      const text = JSON.stringify(stored);
      for (const secret of SECRETS) expect(text.includes(secret), `${secret} stored in ${name}`).toBe(false);
    }
    expect(await store.collection(collections.plays).countDocuments({ userId: listenerId })).toBeGreaterThan(80);
    expect(documents).toBeGreaterThan(100);

    const redis = new Redis({ url: inject("upstashUrl"), token: inject("upstashToken") });
    const keys = await redis.keys("*");
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      const type = await redis.type(key);
      const value =
        type === "string"
          ? await redis.get(key)
          : type === "hash"
            ? await redis.hgetall(key)
            : type === "zset"
              ? await redis.zrange(key, 0, -1, { withScores: true })
              : type === "list"
                ? await redis.lrange(key, 0, -1)
                : type === "set"
                  ? await redis.smembers(key)
                  : null;
      const text = `${key} ${JSON.stringify(value)}`;
      for (const secret of SECRETS) expect(text.includes(secret), `${secret} in Redis at ${key}`).toBe(false);
    }
  });
});
