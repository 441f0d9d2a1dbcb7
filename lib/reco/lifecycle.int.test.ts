/**
 * The model lifecycle on both store adapters (the embedded store in a temporary directory, MongoDB
 * through FerretDB): one version per training job, even with two runs at once; activation,
 * rejection by the validation gate and rollback each recorded with their reason; the drift check
 * over listeners' plays stored as the app stores them and opinions written through the feedback
 * repository. Spotify is configured (no demo cohort), so training reads only these listeners.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import type { NewPlay, Store, UserDocument } from "@/lib/db";
import type { ListeningIndex } from "@/lib/listening";

const dataDir = mkdtempSync(join(tmpdir(), "echotune-lifecycle-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const DAY = 86_400_000;
const ROCK = ["Stone Age", "Loud Band", "Riff Club", "Guitar Gods", "Amp Ten"];
const SYNTH = ["Synth One", "Bass Line", "Four Floor", "Drum Loop", "Night Drive"];
const FOLK = ["Old Oak", "River Song", "Hill Choir", "Lamp Light", "Dust Road"];

/**
 * A listener's plays: one a day for 150 days over their scene without one artist, then 30 days of
 * that artist (the held-out evaluation's hits; `late` plays another one, which nobody else plays).
 */
function plays(scene: readonly string[], user: number, options: { late?: string; endDaysAgo?: number } = {}): NewPlay[] {
  const missing = scene[user % scene.length]!;
  const early = scene.filter((artist) => artist !== missing);
  const end = Date.now() - (options.endDaysAgo ?? 1) * DAY;
  const rows: Array<{ artist: string; at: number; title: string }> = [];
  for (let day = 0; day < 150; day++)
    rows.push({ artist: early[day % early.length]!, at: end - (180 - day) * DAY, title: `Song ${day % 3}` });
  for (let day = 0; day < 30; day++) rows.push({ artist: options.late ?? missing, at: end - (30 - day) * DAY, title: "Hit" });
  return rows.map(({ artist, at, title }) => ({
    playedAt: new Date(at),
    trackKey: `${artist.toLowerCase()}|${title.toLowerCase()}`,
    nameKey: `${artist.toLowerCase()}|${title.toLowerCase()}`,
    trackId: null,
    trackName: title,
    artistName: artist,
    albumName: null,
    msPlayed: 120_000,
    skipped: false,
    reasonStart: "trackdone",
    reasonEnd: "trackdone",
    shuffle: false,
    platform: "android",
    source: "import",
    importId: null,
  }));
}

describe.each([
  ["embedded", (): Record<string, string> => ({ DATA_DIR: join(dataDir, "embedded") })],
  ["mongodb", (): Record<string, string> => ({ MONGODB_URI: inject("mongoUri"), MONGODB_DB: `lifecycle_${randomUUID().slice(0, 8)}` })],
])("the model lifecycle (%s store)", (kind, storeVars) => {
  let store: Store;
  let db: typeof import("@/lib/db");
  let reco: typeof import("@/lib/reco");
  let listening: typeof import("@/lib/listening");
  // Listener ids differ per store: the listening index cache is per process.
  const prefix = `spotify:${kind}-${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    vi.resetModules();
    for (const name of ["MONGODB_URI", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "DEMO", "RECO_PUBLIC_MODEL"])
      vi.stubEnv(name, undefined);
    vi.stubEnv("AUTH_SPOTIFY_ID", "lifecycle-test-client");
    vi.stubEnv("AUTH_SPOTIFY_SECRET", "lifecycle-test-secret");
    for (const [name, value] of Object.entries(storeVars())) vi.stubEnv(name, value);
    db = await import("@/lib/db");
    reco = await import("@/lib/reco");
    listening = await import("@/lib/listening");
    store = await db.getStore();
    expect(store.kind).toBe(kind);
  });

  afterAll(async () => {
    await db?.closeStore();
    vi.unstubAllEnvs();
  });

  /** Stores listeners and their plays as an import does. */
  async function addListeners(scene: readonly string[], count: number, options: { late?: (user: number) => string; tag?: string } = {}) {
    for (let user = 0; user < count; user++) {
      const id = `${prefix}-${options.tag ?? scene[0]!.toLowerCase().replace(/ /g, "-")}-${user}`;
      const now = new Date();
      await store.collection<UserDocument>(db.collections.users).insertOne({
        _id: id,
        displayName: id,
        email: null,
        imageUrl: null,
        spotifyId: id.slice("spotify:".length),
        country: null,
        product: null,
        settings: db.defaultSettings,
        createdAt: now,
        updatedAt: now,
        lastSeenAt: now,
      });
      const late = options.late?.(user);
      await listening.storePlayBatch(store, id, { sourceKey: `import|${id}/1`, plays: plays(scene, user, late ? { late } : {}) });
    }
  }

  const events = async (version: number) =>
    (await reco.modelHistory(store))
      .find((entry) => entry.version === version)
      ?.events.map((event) => [event.action, event.by, event.reason]);

  it("refuses to roll back when nothing was trained, and says so", async () => {
    expect(await reco.lastDriftReport(store)).toBeNull();
    await expect(reco.rollbackModel({ reason: "bad picks", by: "cli" }, store)).rejects.toMatchObject({
      code: "conflict",
      detail: "There is no model version to roll back to: none has been trained yet.",
    });
  });

  it("trains one version per job, whether the job runs twice in turn or twice at once", async () => {
    await addListeners(ROCK, 10);
    await addListeners(SYNTH, 10);
    const first = await reco.trainAll({ jobId: "job-1", reason: "no version is active yet" }, store);
    expect(first).toMatchObject({ version: 1, status: "active", jobId: "job-1", by: "job:job-1" });
    expect(first.metrics.recallAt50).toBe(1);
    const again = await reco.trainAll({ jobId: "job-1", reason: "delivered again" }, store);
    expect(again.version).toBe(1);
    expect(await reco.listModels(store)).toHaveLength(1);

    // Two runners of one job at the same time (a lease taken over while the first still trains).
    const indexes: ListeningIndex[] = [];
    for (const user of await store.collection<UserDocument>(db.collections.users).find({}))
      indexes.push(await listening.loadListeningIndex(store, user._id));
    const [a, b] = await Promise.all([
      reco.trainModel({ store, indexes, jobId: "job-2" }),
      reco.trainModel({ store, indexes, jobId: "job-2" }),
    ]);
    expect(a.version).toBe(b.version);
    expect((await reco.listModels(store)).map((model) => [model.version, model.status])).toEqual([
      [a.version, "active"],
      [1, "retired"],
    ]);
    expect(await events(1)).toEqual([
      ["trained", "job:job-1", "no version is active yet"],
      [
        "activated",
        "job:job-1",
        expect.stringMatching(/^passed the validation gate with nothing active to compare with: recall@50 1\.000/),
      ],
      ["retired", "job:job-2", `version ${a.version} passed the validation gate and replaced it`],
    ]);
    expect(await events(a.version)).toEqual([
      ["trained", "job:job-2", "retraining requested"],
      [
        "activated",
        "job:job-2",
        expect.stringMatching(/^passed the validation gate: recall@50 1\.000 ≥ 0\.998 \(version 1's 1\.000 less 0\.002 of noise\)/),
      ],
    ]);
  });

  it("keeps the active version when a new one fails the validation gate, and records why", async () => {
    const active = (await reco.activeModel(store))!.version;
    // Listeners with artists of their own, whose late artist nobody else plays: held-out recall@50 falls below 1.
    const indexes: ListeningIndex[] = [];
    for (let user = 0; user < 12; user++) {
      const own = Array.from({ length: 10 }, (_, at) => `Noise ${user * 10 + at}`);
      const builder = new listening.IndexBuilder(`unheard-${user}`, 1);
      for (const play of plays([...FOLK, ...own], user, { late: `Unheard ${user}` }))
        builder.add({
          playedAt: play.playedAt.getTime(),
          msPlayed: play.msPlayed,
          trackKey: play.trackKey,
          trackId: null,
          trackName: play.trackName,
          artistName: play.artistName,
          albumName: null,
          platform: null,
          flags: 0,
        });
      indexes.push(builder.build());
    }
    const rejected = await reco.trainModel({ store, indexes, reason: "a test of the gate", by: "cli" });
    expect(rejected.status).toBe("rejected");
    expect((await reco.activeModel(store))!.version).toBe(active);
    expect(await events(rejected.version)).toEqual([
      ["trained", "cli", "a test of the gate"],
      [
        "rejected",
        "cli",
        expect.stringMatching(
          new RegExp(
            `^failed the validation gate: recall@50 0\\.\\d{3} < 0\\.998 \\(version ${active}'s 1\\.000 less 0\\.002 of noise\\) on 12 held-out listeners; version ${active} stays active$`,
          ),
        ),
      ],
    ]);
    await expect(reco.rollbackModel({ toVersion: rejected.version, reason: "try it", by: "cli" }, store)).rejects.toMatchObject({
      code: "conflict",
      detail: expect.stringContaining(`Version ${rejected.version} failed the validation gate`),
    });
  });

  it("rolls back to the previous passing version with the reason and who asked, then refuses when nothing is left", async () => {
    const active = (await reco.activeModel(store))!.version;
    const restored = await reco.rollbackModel({ reason: "picks got worse", by: "operator:ops@example.com" }, store);
    expect(restored.version).toBe(1);
    expect((await reco.activeModel(store))!.version).toBe(1);
    expect((await events(active))!.at(-1)).toEqual(["rolled-back", "operator:ops@example.com", "picks got worse (version 1 restored)"]);
    expect((await events(1))!.at(-1)).toEqual([
      "activated",
      "operator:ops@example.com",
      `rolled back from version ${active}: picks got worse`,
    ]);
    const history = await reco.modelHistory(store);
    expect(history.map((entry) => [entry.version, entry.status])).toEqual([
      [active + 1, "rejected"],
      [active, "retired"],
      [1, "active"],
    ]);
    expect(history[0]).toMatchObject({ createdAt: expect.any(String), trainSeconds: expect.any(Number), metrics: { comparedTo: active } });

    await expect(reco.rollbackModel({ reason: "again", by: "cli" }, store)).rejects.toMatchObject({
      code: "conflict",
      detail: "There is nothing to roll back to: no version before version 1 passed the validation gate.",
    });
    await expect(reco.rollbackModel({ toVersion: 1, reason: "again", by: "cli" }, store)).rejects.toMatchObject({
      code: "conflict",
      detail: "Version 1 is already active.",
    });
  });

  it("measures drift from the listeners' plays and their opinions since the active version was trained", async () => {
    // Train afresh on what is stored, with opinions before: 12 likes, 8 dislikes or "not now".
    const feedback = db.feedbackRepository(store);
    const past = new Date(Date.now() - DAY);
    for (let item = 0; item < 20; item++)
      await feedback.set(`${prefix}-rock-0`, "track", `before ${item}`, item < 12 ? "like" : item < 16 ? "dislike" : "not_now", past);
    const trained = await reco.trainAll({ jobId: "job-3", reason: "drift" }, store);
    expect(trained.status).toBe("active");
    expect(trained.acceptance).toEqual({ accepted: 12, declined: 8, rate: 0.6 });
    expect(trained.artistMix?.artists).toHaveLength(10);

    const still = await reco.checkDrift(store);
    expect(still).toMatchObject({
      activeVersion: trained.version,
      artistMixShift: 0,
      acceptanceBefore: 0.6,
      acceptanceSince: null,
      shouldRetrain: false,
    });
    expect(still.reason).toMatch(new RegExp(`^version ${trained.version} still fits: the artist mix moved 0\\.00`));

    // Since: 3 likes, 9 dislikes or "not now" (25%), said after training.
    const later = new Date(Date.now() + 60_000);
    for (let item = 0; item < 12; item++)
      await feedback.set(`${prefix}-synth-one-0`, "track", `since ${item}`, item < 3 ? "like" : item < 8 ? "dislike" : "not_now", later);
    const fell = await reco.checkDrift(store);
    expect(fell).toMatchObject({ acceptanceBefore: 0.6, acceptanceSince: 0.25, acceptanceShift: -0.35, shouldRetrain: true });
    expect(fell.reason).toBe(
      `acceptance of recommendations fell from 60% to 25% (threshold 15 points) since version ${trained.version} was trained`,
    );

    // A new scene arrives: as many listeners again, on artists the model never saw.
    await addListeners(FOLK, 20);
    const moved = await reco.checkDrift(store);
    expect(moved.artistMixShift).toBeCloseTo(0.5, 1);
    expect(moved.shouldRetrain).toBe(true);
    expect(moved.reason).toContain(
      `the artist mix moved ${moved.artistMixShift.toFixed(2)} (threshold 0.2) since version ${trained.version} was trained`,
    );
    expect(await reco.lastDriftReport(store)).toEqual({ ...moved, checkedAt: expect.any(String) });
  });

  it("finishes a job's version when the job runs again after stopping between storing and activating it", async () => {
    const before = (await reco.activeModel(store))!.version;
    const stored = await reco.trainAll({ jobId: "job-4", reason: "the artist mix moved" }, store);
    expect(stored.status).toBe("active");
    const count = (await reco.listModels(store)).length;
    // What a crash right after storing the version leaves: a candidate, the pointer and events as before.
    const models = store.collection<{ _id: string; status?: string; version?: number }>(db.collections.models);
    await models.updateOne({ _id: `cf-artist@${stored.version}` }, { $set: { status: "candidate" } });
    await models.updateOne({ _id: `cf-artist@${before}` }, { $set: { status: "active" } });
    await models.updateOne({ _id: "active|cf-artist" }, { $set: { version: before } });
    const events = store.collection<{ _id: string; version: number; action: string }>(db.collections.modelEvents);
    await events.deleteMany({ version: stored.version, action: "activated" });
    await events.deleteMany({ version: before, action: "retired" });

    const resumed = await reco.trainAll({ jobId: "job-4", reason: "delivered again" }, store);
    expect(resumed).toMatchObject({ version: stored.version, status: "active" });
    expect((await reco.activeModel(store))!.version).toBe(stored.version);
    expect(await reco.listModels(store)).toHaveLength(count);
    const history = await reco.modelHistory(store);
    const actions = (version: number) => history.find((entry) => entry.version === version)!.events.map((event) => event.action);
    expect(actions(stored.version)).toEqual(["trained", "activated"]);
    expect(actions(before).at(-1)).toBe("retired");
  });
});
