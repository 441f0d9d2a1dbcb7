import { describe, expect, it } from "vitest";
import { applyOpinion, hides, likedKeys, NO_OPINIONS } from "./opinions";

const NOW = Date.parse("2026-12-03T20:00:00Z");
const like = { target: "track", itemId: "spotify:track:4uLU6hMCjMI75M1A2tKUQC", kind: "like", name: "Song", artist: "Band" } as const;

describe("opinions in the browser", () => {
  it("a like shows at once with its name, and taking it back removes it", () => {
    const liked = applyOpinion(NO_OPINIONS, like, NOW);
    expect(liked.likedTracks).toEqual([
      {
        target: "track",
        itemId: like.itemId,
        name: "Song",
        artist: "Band",
        trackId: "4uLU6hMCjMI75M1A2tKUQC",
        at: "2026-12-03T20:00:00.000Z",
      },
    ]);
    expect(likedKeys(liked).has(like.itemId)).toBe(true);
    const undone = applyOpinion(liked, { ...like, kind: null }, NOW);
    expect(undone).toEqual(NO_OPINIONS);
    expect(likedKeys(undone).size).toBe(0);
  });

  it("keeps one opinion per item: a like then 'not now' leaves only the snooze, for a week", () => {
    const snoozed = applyOpinion(applyOpinion(NO_OPINIONS, like, NOW), { ...like, kind: "not_now" }, NOW);
    expect(snoozed.likedTracks).toEqual([]);
    expect(snoozed.snoozedTracks).toHaveLength(1);
    expect(Date.parse(snoozed.snoozedTracks[0]!.until) - NOW).toBe(7 * 86_400_000);
  });

  it("blocks an artist under the name shown and unblocks it by any spelling of the name", () => {
    const blocked = applyOpinion(NO_OPINIONS, { target: "artist", itemId: "The Band", kind: "dislike" }, NOW);
    expect(blocked.blockedArtists).toMatchObject([{ itemId: "the band", name: "The Band", artist: null }]);
    expect(applyOpinion(blocked, { target: "artist", itemId: "the band", kind: null }, NOW).blockedArtists).toEqual([]);
  });

  it("hides a pick on a dislike or 'not now', never on a like or an undo", () => {
    expect(hides({ ...like, kind: "not_now" })).toBe(true);
    expect(hides({ target: "artist", itemId: "x", kind: "dislike" })).toBe(true);
    expect(hides(like)).toBe(false);
    expect(hides({ ...like, kind: null })).toBe(false);
  });
});
