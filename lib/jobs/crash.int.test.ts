/**
 * The runner killed (SIGKILL, a real child process running `npm run jobs -- --once`) in the middle
 * of a name-resolution batch and in the middle of training, then restarted: both jobs finish, no
 * name is searched twice on the fake Spotify, no play is stored twice, one model version is made.
 * On both stores.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished, vi } from "vitest";
import { startFakeSpotify, type FakeSpotify } from "@/e2e/fakes/spotify/server";
import { getDemoCatalog } from "@/lib/demo";
import { accountRow } from "@/lib/ingest/testing/rows";

const USER = "spotify:crash-listener";
const LEASE_MS = 1_500;
const NAMES = 12;
const BATCH = 5;

let fake: FakeSpotify;
beforeAll(async () => {
  fake = await startFakeSpotify();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await fake?.close();
});

/** Runs the runner once; with `pauseAt`, resolves when it says it paused there and kills it with SIGKILL. */
function runner(env: Record<string, string>, pauseAt?: string): Promise<{ code: number | null; output: string }> {
  const args = ["--import", "./scripts/register.ts", "lib/jobs/testing/crash-runner.ts"];
  if (pauseAt) args.push("--pause-at", pauseAt);
  args.push("--", "--once", "--lease-ms", String(LEASE_MS));
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the runner did not ${pauseAt ? `pause at ${pauseAt}` : "finish"} in time:\n${output}`));
    }, 60_000);
    const take = (chunk: Buffer) => {
      output += chunk.toString();
      if (pauseAt && output.includes(`paused at ${pauseAt.replace(/:\d+$/, "")}`)) child.kill("SIGKILL");
    };
    child.stdout.on("data", take);
    child.stderr.on("data", take);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const backends: Array<[string, () => Record<string, string>]> = [
  [
    "embedded",
    () => {
      const dir = mkdtempSync(join(tmpdir(), "echotune-crash-"));
      dirs.push(dir);
      return { DATA_DIR: dir };
    },
  ],
  [
    `mongodb (${inject("mongoServer")})`,
    () => ({
      MONGODB_URI: inject("mongoUri"),
      MONGODB_DB: `crash_${randomUUID().slice(0, 8)}`,
      DATA_DIR: mkdtempSync(join(tmpdir(), "echotune-crash-")),
    }),
  ],
];

describe.each(backends)("jobs killed mid-step on %s", (_label, storeEnv) => {
  it("finish after a restart, doing nothing twice", { timeout: 180_000 }, async () => {
    const env: Record<string, string> = {
      ...storeEnv(),
      AUTH_SECRET: "crash-test-secret-0123456789abcdefghijklmnop",
      AUTH_SPOTIFY_ID: fake.state.clientId,
      AUTH_SPOTIFY_SECRET: fake.state.clientSecret,
      SPOTIFY_ACCOUNTS_URL: fake.accountsUrl,
      SPOTIFY_API_URL: fake.apiUrl,
      LOG_LEVEL: "warn",
    };
    // Seed as the app would, in this process, then let go of the store for the runners.
    vi.resetModules();
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    vi.stubEnv("MONGODB_URI", env.MONGODB_URI ?? "");
    const db = await import("@/lib/db");
    const ingest = await import("@/lib/ingest");
    const spotify = await import("@/lib/spotify");
    const { enqueueJob } = await import("@/lib/jobs");
    const store = await db.getStore();
    const catalog = getDemoCatalog(1);
    const rows = catalog.tracks.slice(0, NAMES).map((track, index) => {
      const artist = catalog.artistsById.get(track.artistIds[0] ?? "")?.name ?? "";
      return accountRow(`2025-02-${String(index + 1).padStart(2, "0")}T10:00`, track.name, artist);
    });
    await ingest.storeRows(store, USER, "export-1", "c0", rows);
    await store.collection("users").updateOne({ _id: USER }, { $setOnInsert: { displayName: "Crash" } }, { upsert: true });
    const tokens = fake.state.issueTokens(fake.state.user.id, "user-read-private", true);
    await spotify.saveSpotifyConnection(USER, fake.state.user.id, {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token as string,
      expiresAt: new Date(Date.now() + 3_600_000),
      scope: tokens.scope,
    });
    const resolve = await enqueueJob("resolve-names", {
      key: "export-1",
      input: { userId: USER, importId: "export-1", batch: BATCH },
      userId: USER,
    });
    const train = await enqueueJob("train", { key: "crash-test", input: { reason: "test" } });
    const playsBefore = await store.collection("plays").countDocuments({ userId: USER });
    await db.closeStore();
    const searchesBefore = fake.state.log.filter((entry) => entry.path === "/v1/search").length;

    // Killed after the 7th name: the second batch is half done, its cursor not saved.
    await runner(env, "resolve-names:resolved:7");
    await sleep(LEASE_MS + 200);
    // Restarted: it takes the resolution over, finishes it, and is killed as training starts.
    await runner(env, "train:before:1");
    await sleep(LEASE_MS + 200);
    const last = await runner(env);
    expect(last.code, last.output).toBe(0);

    const reopened = await db.getStore();
    onTestFinished(() => db.closeStore());
    const jobs = db.jobsRepository(reopened);
    const resolved = await jobs.get(resolve._id);
    expect(resolved).toMatchObject({ status: "succeeded", progress: { done: NAMES, total: NAMES } });
    expect(resolved?.history.filter((entry) => entry.event === "lease-expired")).toHaveLength(1);
    const trained = await jobs.get(train._id);
    expect(trained).toMatchObject({ status: "succeeded" });
    expect(trained?.history.filter((entry) => entry.event === "lease-expired")).toHaveLength(1);

    // Each name was searched once, however many runners went through its batch.
    const searches = fake.state.log.filter((entry) => entry.path === "/v1/search").slice(searchesBefore);
    expect(searches).toHaveLength(NAMES);
    expect(new Set(searches.map((entry) => entry.query.q)).size).toBe(NAMES);
    expect(await reopened.collection("resolutions").countDocuments({})).toBe(NAMES);
    expect(await reopened.collection("plays").countDocuments({ userId: USER })).toBe(playsBefore);
    expect(await reopened.collection("plays").countDocuments({ userId: USER, trackId: null })).toBe(0);
    // One training, one model version.
    expect(await reopened.collection("models").countDocuments({ scope: "cf-artist" })).toBe(1);
  });
});
