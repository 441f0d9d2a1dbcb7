/**
 * The model registry against the real store (the embedded one in a temporary directory): a trained
 * version is evaluated on held-out time, stored in the artifact format, activated, served (fused
 * with the pretrained public model for a real listener), rolled back; a version in an older format
 * is not served, and the next training replaces it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IndexBuilder as Builder, ListeningIndex } from "@/lib/listening";

const dataDir = mkdtempSync(join(tmpdir(), "echotune-models-"));
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 1);

// The environment is read when lib/env is first imported: set it first, import the app's modules after.
let IndexBuilder: typeof Builder;
beforeAll(async () => {
  process.env.DATA_DIR = dataDir;
  delete process.env.MONGODB_URI;
  delete process.env.RECO_PUBLIC_MODEL;
  ({ IndexBuilder } = await import("@/lib/listening"));
});
afterAll(async () => {
  const { closeStore } = await import("@/lib/db");
  await closeStore();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A listener who played these artists, one listen a day in turn, ending `endDaysAgo` days before NOW. */
function listener(id: string, artists: readonly string[], days = 200, endDaysAgo = 1): ListeningIndex {
  const builder = new IndexBuilder(id, 1);
  for (let day = 0; day < days; day++) {
    const artist = artists[day % artists.length]!;
    builder.add({
      playedAt: NOW - (endDaysAgo + days - day) * DAY,
      msPlayed: 120_000,
      trackKey: `${artist.toLowerCase()}|song ${day % 3}`,
      trackId: null,
      trackName: `Song ${day % 3}`,
      artistName: artist,
      albumName: null,
      platform: null,
      flags: 0,
    });
  }
  return builder.build();
}

const ROCK = ["Stone Age", "Loud Band", "Riff Club", "Guitar Gods", "Amp Ten"];
const SYNTH = ["Synth One", "Bass Line", "Four Floor", "Drum Loop", "Night Drive"];

/** Thirty listeners in two scenes; each misses one of their scene's artists until their last month. */
function deployment(): ListeningIndex[] {
  return Array.from({ length: 30 }, (_, user) => {
    const scene = user % 2 === 0 ? ROCK : SYNTH;
    const missing = scene[user % scene.length]!;
    const early = listener(
      `u${user}`,
      scene.filter((artist) => artist !== missing),
      150,
      40,
    );
    // Their last 40 days add the missing artist: the held-out evaluation's hits.
    const builder = new IndexBuilder(`u${user}`, 1);
    for (let row = 0; row < early.count; row++)
      builder.add({
        playedAt: early.playedAt[row]!,
        msPlayed: early.msPlayed[row]!,
        trackKey: early.tracks[early.track[row]!]!.key,
        trackId: null,
        trackName: early.tracks[early.track[row]!]!.name,
        artistName: early.artists[early.artist[row]!]!.name,
        albumName: null,
        platform: null,
        flags: 0,
      });
    for (let day = 0; day < 30; day++)
      builder.add({
        playedAt: NOW - (30 - day) * DAY,
        msPlayed: 120_000,
        trackKey: `${missing.toLowerCase()}|hit`,
        trackId: null,
        trackName: "Hit",
        artistName: missing,
        albumName: null,
        platform: null,
        flags: 0,
      });
    return builder.build();
  });
}

describe("the model registry", () => {
  it("trains, evaluates on held-out time, stores, activates, serves and rolls back", async () => {
    const { activeModel, listModels, trainModel } = await import("./models");
    const { rollbackModel } = await import("./lifecycle");
    const { getStore } = await import("@/lib/db");
    const store = await getStore();
    const indexes = deployment();

    const first = await trainModel({ store, indexes });
    expect(first.status).toBe("active");
    expect(first.params).toEqual({ model: "artist-model", listeners: 30, artists: 10 });
    expect(first.metrics.users).toBe(30);
    // The missing artist is the scene's only one left: the model finds it first.
    expect(first.metrics.recallAt50).toBe(1);
    expect(first.metrics.ndcgAt20).toBe(1);
    const active = await activeModel(store);
    expect(active?.version).toBe(first.version);
    expect(active?.served.origin).toBe("deployment");
    expect([...active!.served.keys].sort()).toEqual([...ROCK, ...SYNTH].map((name) => name.toLowerCase()).sort());

    const second = await trainModel({ store, indexes });
    expect(second.version).toBe(first.version + 1);
    expect(second.status).toBe("active");
    expect((await listModels(store)).map((model) => [model.version, model.status])).toEqual([
      [second.version, "active"],
      [first.version, "retired"],
    ]);
    await rollbackModel({ toVersion: first.version, reason: "test", by: "cli" }, store);
    expect((await activeModel(store))?.version).toBe(first.version);
    await expect(rollbackModel({ toVersion: 999, reason: "test", by: "cli" }, store)).rejects.toThrow(/no model version 999/);
  });

  it("fuses the deployment's picks with the public model's for a real listener, and only the deployment's for the demo", async () => {
    const { collaborativeSignal } = await import("./models");
    const { trackProfile } = await import("./profile");
    // Rock artists of this deployment plus real ones the public model knows.
    const index = listener("real", ["Stone Age", "Loud Band", "Radiohead", "Muse", "Coldplay", "Arctic Monkeys", "The Strokes"]);
    const profile = trackProfile(index, { now: NOW, timeZone: "UTC", listenThresholdMs: 30_000 });
    const real = await collaborativeSignal(index, profile, { isDemo: false });
    expect(real?.version).toMatch(/^hetrec-lastfm-2k\/\d+\+cf-artist@\d+$/);
    expect(real?.signal.basis).toMatchObject({ origin: "public", matched: 5, played: 7 });
    const keys = real!.signal.artists.map((artist) => artist.key);
    expect(keys).toContain("riff club");
    expect(
      keys.some((key) => !ROCK.map((name) => name.toLowerCase()).includes(key) && !SYNTH.map((name) => name.toLowerCase()).includes(key)),
    ).toBe(true);
    expect(keys).not.toContain("radiohead");

    const demoProfile = trackProfile(index, { now: NOW, timeZone: "UTC", listenThresholdMs: 30_000 });
    const demo = await collaborativeSignal(index, demoProfile, { isDemo: true });
    expect(demo?.signal.basis?.origin).toBe("deployment");
    expect(demo!.signal.artists.every((artist) => [...ROCK, ...SYNTH].map((name) => name.toLowerCase()).includes(artist.key))).toBe(true);
  });

  it("does not serve a version stored in an older format, and replaces it at the next training", async () => {
    const { activeModel } = await import("./models");
    const { collections, getStore } = await import("@/lib/db");
    const store = await getStore();
    const models = store.collection<{ _id: string; version?: number; scope?: string; model?: unknown }>(collections.models);
    await models.insertOne({ _id: "cf-artist@500", scope: "cf-artist", version: 500, model: { artists: [], names: [], neighbours: [] } });
    await models.updateOne({ _id: "active|cf-artist" }, { $set: { version: 500 } });
    expect(await activeModel(store)).toBeNull();
    // The next training replaces it, whatever it measured.
    const { trainModel } = await import("./models");
    const next = await trainModel({ store, indexes: deployment() });
    expect(next).toMatchObject({ version: 501, status: "active", metrics: { comparedTo: 500, activeRecallAt50: null } });
    expect((await activeModel(store))?.version).toBe(501);
  });
});
