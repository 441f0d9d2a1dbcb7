/**
 * The stored-playlists suite, run by one integration file per store adapter (each sets the store's
 * env before importing the app): owners, versions, undo/redo/restore, conflicts and limits, through
 * the server functions the routes call.
 */
import { describe, expect, it } from "vitest";
import type { Listener } from "@/lib/auth";
import { AppError } from "@/lib/errors";

const listener = (id: string): Listener => ({ id, isDemo: false, reconnectRequired: false });
const input = (id: string, extra: Record<string, unknown> = {}) => ({
  key: `spotify:track:${id}`,
  name: `Song ${id}`,
  artistName: "Artist",
  ...extra,
});

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected a rejection");
}

export function describePlaylists(label: string, tag: string) {
  describe(`stored playlists: ${label}`, () => {
    const owner = listener(`spotify:owner-${tag}`);
    const other = listener(`spotify:other-${tag}`);

    it("creates at version 1, edits into new versions, and undoes, redoes and restores them", async () => {
      const playlists = await import("@/lib/playlists");
      const created = await playlists.createPlaylist(owner, {
        name: " Rainy ",
        origin: "manual",
        tracks: [input("a"), input("b"), input("c"), input("a")],
      });
      expect(created).toMatchObject({ name: "Rainy", description: "", version: 1, latestVersion: 1, spotify: null, blendId: null });
      expect(created.id).toMatch(/^[A-Za-z0-9_-]{16}$/);
      expect(created).not.toHaveProperty("userId");
      expect(created.tracks.map((track) => track.key)).toEqual(["spotify:track:a", "spotify:track:b", "spotify:track:c"]);

      const moved = await playlists.editPlaylist(owner, created.id, 1, { op: "move", key: "spotify:track:c", to: 0 });
      expect(moved.version).toBe(2);
      expect(moved.tracks.map((track) => track.key.slice(-1))).toEqual(["c", "a", "b"]);
      const renamed = await playlists.editPlaylist(owner, created.id, 2, { op: "rename", name: "Rain" });
      expect(renamed).toMatchObject({ version: 3, latestVersion: 3, name: "Rain" });
      // An edit that changes nothing is no version.
      expect((await playlists.editPlaylist(owner, created.id, 3, { op: "rename", name: "Rain" })).version).toBe(3);

      const undone = await playlists.undoPlaylist(owner, created.id, 3);
      expect(undone).toMatchObject({ version: 2, latestVersion: 3, name: "Rainy" });
      expect((await playlists.getPlaylist(owner, created.id))?.name).toBe("Rainy");
      const redone = await playlists.redoPlaylist(owner, created.id, 2);
      expect(redone).toMatchObject({ version: 3, name: "Rain" });
      expect((await rejection(playlists.redoPlaylist(owner, created.id, 3))).detail).toMatch(/Nothing to redo/);

      // An edit after an undo drops the redo tail.
      await playlists.undoPlaylist(owner, created.id, 3);
      const removed = await playlists.editPlaylist(owner, created.id, 2, { op: "remove", key: "spotify:track:a" });
      expect(removed).toMatchObject({ version: 3, latestVersion: 3, name: "Rainy" });
      expect((await rejection(playlists.redoPlaylist(owner, created.id, 3))).code).toBe("conflict");
      const history = await playlists.listPlaylistVersions(owner, created.id);
      expect(history?.map((entry) => [entry.version, entry.label, entry.trackCount, entry.current])).toEqual([
        [3, "Removed “Song a”", 2, true],
        [2, "Moved “Song c” to position 1", 3, false],
        [1, "Created", 3, false],
      ]);

      // Restoring version 1 is a new version with version 1's content, which can itself be undone.
      const restored = await playlists.restorePlaylistVersion(owner, created.id, 1);
      expect(restored).toMatchObject({ version: 4, latestVersion: 4, name: "Rainy" });
      expect(restored.tracks.map((track) => track.key.slice(-1))).toEqual(["a", "b", "c"]);
      expect((await playlists.listPlaylistVersions(owner, created.id))?.[0]).toMatchObject({ version: 4, label: "Restored version 1" });
      expect((await playlists.undoPlaylist(owner, created.id, 4)).tracks).toHaveLength(2);
      expect((await rejection(playlists.restorePlaylistVersion(owner, created.id, 9))).code).toBe("not_found");
    });

    it("refuses an edit from a stale version with a conflict, and lets exactly one of two racing edits win", async () => {
      const playlists = await import("@/lib/playlists");
      const created = await playlists.createPlaylist(owner, { name: "Race", origin: "manual", tracks: [input("a"), input("b")] });
      await playlists.editPlaylist(owner, created.id, 1, { op: "pin", key: "spotify:track:a", pinned: true });
      const stale = await rejection(playlists.editPlaylist(owner, created.id, 1, { op: "remove", key: "spotify:track:b" }));
      expect(stale).toBeInstanceOf(playlists.ConflictError);
      expect(stale.code).toBe("conflict");
      expect(stale.detail).toBe("This playlist changed in another window; reload to see it.");
      expect(stale.extensions).toEqual({ currentVersion: 2 });

      const results = await Promise.allSettled([
        playlists.editPlaylist(owner, created.id, 2, { op: "rename", name: "First" }),
        playlists.editPlaylist(owner, created.id, 2, { op: "rename", name: "Second" }),
      ]);
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
      const lost = results.find((result) => result.status === "rejected");
      expect((lost as PromiseRejectedResult).reason).toBeInstanceOf(playlists.ConflictError);
      const head = await playlists.getPlaylist(owner, created.id);
      expect(head?.version).toBe(3);
      // The head's version document holds the head: undo then redo comes back to the winner's name.
      await playlists.undoPlaylist(owner, created.id, 3);
      expect((await playlists.redoPlaylist(owner, created.id, 2)).name).toBe(head?.name);
    });

    it("keeps each playlist to its owner", async () => {
      const playlists = await import("@/lib/playlists");
      const created = await playlists.createPlaylist(owner, { name: "Mine", origin: "manual", tracks: [input("a")] });
      expect(await playlists.getPlaylist(other, created.id)).toBeNull();
      expect(await playlists.listPlaylistVersions(other, created.id)).toBeNull();
      expect((await playlists.listPlaylists(other)).map((entry) => entry.id)).not.toContain(created.id);
      expect((await rejection(playlists.editPlaylist(other, created.id, 1, { op: "rename", name: "Theirs" }))).code).toBe("not_found");
      expect((await rejection(playlists.undoPlaylist(other, created.id, 1))).code).toBe("not_found");
      expect((await rejection(playlists.restorePlaylistVersion(other, created.id, 1))).code).toBe("not_found");
      const sync = {
        playlistId: "x",
        url: null,
        targetVersion: 1,
        syncedVersion: null,
        status: "pending" as const,
        error: null,
        updatedAt: new Date(),
      };
      expect((await rejection(playlists.setSpotifySync(other, created.id, sync))).code).toBe("not_found");
      expect(await playlists.deletePlaylist(other, created.id)).toBe(false);
      expect((await playlists.getPlaylist(owner, created.id))?.name).toBe("Mine");
    });

    it("returns the same playlist for a retried create, lists summaries newest first, and deletes with the history", async () => {
      const playlists = await import("@/lib/playlists");
      const first = await playlists.createPlaylist(owner, {
        name: "Retried",
        origin: "prompt",
        tracks: [input("a", { durationMs: 200_000, imageUrl: "https://i.scdn.co/image/a" }), input("b", { durationMs: 100_000 })],
        requestId: "req-1",
      });
      const [again, racing] = await Promise.all([
        playlists.createPlaylist(owner, { name: "Retried", origin: "prompt", tracks: [input("a")], requestId: "req-1" }),
        playlists.createPlaylist(owner, { name: "Retried", origin: "prompt", tracks: [input("a")], requestId: "req-1" }),
      ]);
      expect(again.id).toBe(first.id);
      expect(racing.id).toBe(first.id);
      expect(again.tracks).toHaveLength(2);
      // Another listener's same request id is their own playlist.
      const theirs = await playlists.createPlaylist(other, { name: "Retried", origin: "prompt", tracks: [], requestId: "req-1" });
      expect(theirs.id).not.toBe(first.id);

      const list = await playlists.listPlaylists(owner);
      expect(list[0]).toMatchObject({ id: first.id, trackCount: 2, durationMs: 300_000, imageUrls: ["https://i.scdn.co/image/a"] });
      expect(list[0]).not.toHaveProperty("tracks");
      expect(list.map((entry) => entry.updatedAt.getTime())).toEqual(list.map((entry) => entry.updatedAt.getTime()).sort((a, b) => b - a));

      const sync = {
        playlistId: "sp1",
        url: "https://open.spotify.com/playlist/sp1",
        targetVersion: 1,
        syncedVersion: 1,
        status: "synced" as const,
        error: null,
        updatedAt: new Date(),
      };
      await playlists.setSpotifySync(owner, first.id, sync);
      expect((await playlists.getPlaylist(owner, first.id))?.spotify).toEqual(sync);

      expect(await playlists.deletePlaylist(owner, first.id)).toBe(true);
      expect(await playlists.getPlaylist(owner, first.id)).toBeNull();
      expect(await playlists.listPlaylistVersions(owner, first.id)).toBeNull();
      const { getStore, collections } = await import("@/lib/db");
      expect(await (await getStore()).collection(collections.playlistVersions).countDocuments({ playlistId: first.id })).toBe(0);
    });

    it("refuses a playlist past Spotify's limits with a 400 that says what to do", async () => {
      const playlists = await import("@/lib/playlists");
      const tooMany = Array.from({ length: 501 }, (_, i) => input(`t${i}`));
      const error = await rejection(playlists.createPlaylist(owner, { name: "Huge", origin: "manual", tracks: tooMany }));
      expect(error.code).toBe("validation_failed");
      expect(error.errors?.[0]).toEqual({ field: "body.tracks", message: expect.stringMatching(/at most 500 tracks: remove some/) });
      expect((await rejection(playlists.createPlaylist(owner, { name: "", origin: "manual", tracks: [] }))).errors?.[0]?.field).toBe(
        "body.name",
      );
      const created = await playlists.createPlaylist(owner, { name: "Ok", origin: "manual", tracks: [input("a")] });
      const rename = await rejection(playlists.editPlaylist(owner, created.id, 1, { op: "rename", name: "x".repeat(101) }));
      expect(rename.errors?.[0]?.field).toBe("body.edit.name");
    });
  });
}
