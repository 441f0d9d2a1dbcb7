import { mkdtempSync, rmSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EmbeddedStore } from "@/lib/db";
import { listeningRepository } from "@/lib/db";
import { ensureIndexes } from "@/lib/db";
import { removalKey, trackKeyFor } from "./identity";
import { compactSegments, loadListeningIndex } from "./load";
import { toPlayRow } from "./row";
import { encodePlays, encodeRemoved } from "./segments";

const dir = mkdtempSync(join(tmpdir(), "echotune-listening-"));
const store = new EmbeddedStore(dir);
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const DAY = 86_400_000;
const START = Date.parse("2024-01-01T12:00:00Z");

function play(day: number, artistName: string, trackName: string, extra: { skipped?: boolean; shuffle?: boolean; minute?: boolean } = {}) {
  const names = { trackId: null, artistName, trackName };
  return toPlayRow({
    ...names,
    playedAt: START + day * DAY,
    msPlayed: 200_000,
    trackKey: trackKeyFor(names),
    albumName: null,
    platform: "android",
    skipped: extra.skipped ?? null,
    reasonEnd: null,
    shuffle: extra.shuffle ?? null,
    timePrecision: extra.minute ? "minute" : "second",
  });
}

describe("listening index loader", () => {
  it("assembles the index from segments without writing, and compacts many small segments on request", async () => {
    await ensureIndexes(store);
    const user = `u-${randomUUID().slice(0, 8)}`;
    const listening = listeningRepository(store);
    // 40 sync-sized segments: more than the loader folds into one.
    for (let run = 0; run < 40; run++) {
      await listening.appendPlays(
        user,
        `sync|${run}`,
        encodePlays([play(run, "Bonobo", `Track ${run % 5}`, { skipped: run % 7 === 0, shuffle: run % 3 === 0, minute: run === 1 })]),
      );
    }
    await listening.appendRemoved(
      user,
      "import|x",
      encodeRemoved([removalKey(START + 2 * DAY, trackKeyFor({ trackId: null, artistName: "Bonobo", trackName: "Track 2" }))]),
    );
    const revision = await listening.revision(user);

    const index = await loadListeningIndex(store, user);
    expect(index.count).toBe(39);
    expect(index.revision).toBe(revision);
    expect(index.artists.map((artist) => artist.key)).toEqual(["bonobo"]);
    // Loading wrote nothing: the same segments, the same revision, the cached index.
    expect((await listening.segments(user)).length).toBe(41);
    expect(await listening.revision(user)).toBe(revision);
    expect(await loadListeningIndex(store, user)).toBe(index);

    await compactSegments(store, user);
    const segments = await listening.segments(user);
    expect(segments.filter((segment) => segment.kind === "plays")).toHaveLength(1);
    expect(await listening.revision(user)).toBeGreaterThan(revision);
    const compacted = await loadListeningIndex(store, user);
    expect(compacted.count).toBe(39);
    expect(Array.from(compacted.playedAt)).toEqual(Array.from(index.playedAt));
    expect(Array.from(compacted.flags)).toEqual(Array.from(index.flags));
    // Nothing left to compact: a second call writes nothing.
    const after = await listening.revision(user);
    await compactSegments(store, user);
    expect(await listening.revision(user)).toBe(after);
  });
});
