import { describe, expect, it } from "vitest";
import { applyEdit, PlaylistEditError, toPlaylistTrack, uniqueTracks } from "./edit";
import { PLAYLIST_MAX_TRACKS, playlistTrackInput } from "./limits";

const track = (id: string, name = `Song ${id}`) => toPlaylistTrack({ key: `spotify:track:${id}`, name, artistName: "Artist" });
const content = { name: "Mix", description: "", tracks: ["a", "b", "c", "d"].map((id) => track(id)) };
const keys = (result: ReturnType<typeof applyEdit>) => result?.content.tracks.map((entry) => entry.key.slice(-1));

describe("playlistTrackInput", () => {
  it("takes covers from https or this site, nothing else", () => {
    const cover = (imageUrl: string) =>
      playlistTrackInput.safeParse({ key: "spotify:track:a", name: "A", artistName: "B", imageUrl }).success;
    expect(cover("https://i.scdn.co/image/ab67")).toBe(true);
    expect(cover("/demo-art/album/a1.svg")).toBe(true);
    expect(cover("//evil.example/x.png")).toBe(false);
    expect(cover("javascript:alert(1)")).toBe(false);
    expect(cover("http://i.scdn.co/image/ab67")).toBe(false);
  });
});

describe("applyEdit", () => {
  it("moves a track to a position and says which way it went", () => {
    const up = applyEdit(content, { op: "move", key: "spotify:track:c", to: 1 });
    expect(keys(up)).toEqual(["a", "c", "b", "d"]);
    expect(up?.label).toBe("Moved “Song c” up");
    const down = applyEdit(content, { op: "move", key: "spotify:track:a", to: 1 });
    expect(keys(down)).toEqual(["b", "a", "c", "d"]);
    expect(down?.label).toBe("Moved “Song a” down");
    const far = applyEdit(content, { op: "move", key: "spotify:track:a", to: 3 });
    expect(keys(far)).toEqual(["b", "c", "d", "a"]);
    expect(far?.label).toBe("Moved “Song a” to position 4");
    expect(applyEdit(content, { op: "move", key: "spotify:track:b", to: 1 })).toBeNull();
    expect(() => applyEdit(content, { op: "move", key: "spotify:track:b", to: 4 })).toThrow("Pick a position from 1 to 4.");
    // The input is never changed: the editor keeps it for a rollback.
    expect(content.tracks.map((entry) => entry.key.slice(-1))).toEqual(["a", "b", "c", "d"]);
  });

  it("removes and pins tracks by key, and refuses a key the playlist does not hold", () => {
    const removed = applyEdit(content, { op: "remove", key: "spotify:track:b" });
    expect(keys(removed)).toEqual(["a", "c", "d"]);
    expect(removed?.label).toBe("Removed “Song b”");
    const pinned = applyEdit(content, { op: "pin", key: "spotify:track:d", pinned: true });
    expect(pinned?.content.tracks.map((entry) => entry.pinned)).toEqual([false, false, false, true]);
    expect(pinned?.label).toBe("Pinned “Song d”");
    expect(applyEdit(content, { op: "pin", key: "spotify:track:d", pinned: false })).toBeNull();
    const error = (() => {
      try {
        applyEdit(content, { op: "remove", key: "spotify:track:z" });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(PlaylistEditError);
    expect((error as PlaylistEditError).field).toBe("key");
  });

  it("adds only tracks not there yet, at a position, and nothing at all when every one is there", () => {
    const added = applyEdit(content, {
      op: "add",
      tracks: [
        { key: "spotify:track:e", name: "Song e", artistName: "X" },
        { key: "spotify:track:a", name: "Song a", artistName: "X" },
      ],
      at: 1,
    });
    expect(keys(added)).toEqual(["a", "e", "b", "c", "d"]);
    expect(added?.label).toBe("Added “Song e”");
    const two = applyEdit(content, {
      op: "add",
      tracks: [
        { key: "spotify:track:e", name: "E", artistName: "X" },
        { key: "spotify:track:f", name: "F", artistName: "X" },
      ],
    });
    expect(keys(two)).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(two?.label).toBe("Added 2 tracks");
    expect(applyEdit(content, { op: "add", tracks: [{ key: "spotify:track:a", name: "A", artistName: "X" }] })).toBeNull();
  });

  it("keeps a playlist within the track limit", () => {
    const full = { ...content, tracks: Array.from({ length: PLAYLIST_MAX_TRACKS }, (_, i) => track(`t${i}`)) };
    expect(() => applyEdit(full, { op: "add", tracks: [{ key: "spotify:track:new", name: "New", artistName: "X" }] })).toThrow(
      /at most 500 tracks: remove some/,
    );
    const many = Array.from({ length: PLAYLIST_MAX_TRACKS + 1 }, (_, i) => track(`m${i}`));
    expect(() => uniqueTracks(many)).toThrow(PlaylistEditError);
    // Duplicates do not count against it.
    expect(uniqueTracks([...many.slice(0, 500), many[0]!])).toHaveLength(500);
  });

  it("renames and describes within Spotify's limits, trimming what was typed", () => {
    expect(applyEdit(content, { op: "rename", name: "  Rainy  " })).toMatchObject({
      content: { name: "Rainy" },
      label: "Renamed to “Rainy”",
    });
    expect(applyEdit(content, { op: "rename", name: "Mix" })).toBeNull();
    expect(() => applyEdit(content, { op: "rename", name: " " })).toThrow("Give the playlist a name.");
    expect(() => applyEdit(content, { op: "rename", name: "x".repeat(101) })).toThrow(/at most 100 characters/);
    expect(applyEdit(content, { op: "describe", description: "For rain" })?.label).toBe("Changed the description");
    expect(() => applyEdit(content, { op: "describe", description: "x".repeat(301) })).toThrow(/at most 300 characters/);
  });

  it("replaces the tracks with a label, each key once", () => {
    const replaced = applyEdit(content, {
      op: "replace",
      tracks: [
        { key: "spotify:track:x", name: "X", artistName: "X", pinned: true },
        { key: "spotify:track:x", name: "X again", artistName: "X" },
      ],
      label: "Tuned: calmer",
    });
    expect(replaced?.content.tracks).toEqual([expect.objectContaining({ key: "spotify:track:x", name: "X", pinned: true })]);
    expect(replaced?.label).toBe("Tuned: calmer");
  });
});
