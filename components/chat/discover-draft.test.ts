import { describe, expect, it } from "vitest";
import { draftFromStorage } from "./discover-draft";

const track = (id: string, extra: Record<string, unknown> = {}) => ({
  key: `spotify:track:${id}`,
  trackId: id,
  name: `Song ${id}`,
  artist: "Band",
  album: null,
  explanation: "Because.",
  score: 0.5,
  ...extra,
});

describe("draftFromStorage", () => {
  it("keeps each track's key and names, in the listener's order", () => {
    const raw = JSON.stringify([track("b"), track("a"), { ...track("x"), key: "band|song x" }]);
    expect(draftFromStorage(raw)).toEqual([
      { key: "spotify:track:b", name: "Song b", artist: "Band" },
      { key: "spotify:track:a", name: "Song a", artist: "Band" },
      { key: "band|song x", name: "Song x", artist: "Band" },
    ]);
  });

  it("reads nothing, a damaged draft or something else as an empty draft", () => {
    expect(draftFromStorage(null)).toEqual([]);
    expect(draftFromStorage("{not json")).toEqual([]);
    expect(draftFromStorage(JSON.stringify({ key: "spotify:track:a" }))).toEqual([]);
  });

  it("drops malformed entries and repeats, and bounds the draft and its names", () => {
    const raw = JSON.stringify([
      null,
      "spotify:track:a",
      { key: "spotify:track:a" },
      track("a", { name: "   " }),
      track("a", { artist: 42 }),
      track("a"),
      track("a", { name: "Again" }),
      track("long", { name: "x".repeat(500) }),
      ...Array.from({ length: 150 }, (_, index) => track(`n${index}`)),
    ]);
    const draft = draftFromStorage(raw);
    expect(draft).toHaveLength(100);
    expect(draft[0]).toEqual({ key: "spotify:track:a", name: "Song a", artist: "Band" });
    expect(draft[1]!.name).toHaveLength(200);
    expect(new Set(draft.map((entry) => entry.key)).size).toBe(100);
  });
});
