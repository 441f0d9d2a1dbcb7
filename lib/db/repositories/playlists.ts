import type { Store } from "../port";
import { collections, type PlaylistDocument, type PlaylistTrack, type PlaylistVersionDocument, type SpotifySync } from "../schema";

/** What a version holds: the playlist's editable content. */
export interface PlaylistContent {
  name: string;
  description: string;
  tracks: PlaylistTrack[];
}

/** The id of a playlist's version document. */
export function playlistVersionId(playlistId: string, version: number): string {
  return `${playlistId}|${version}`;
}

/**
 * Playlists and their versions. Every read and write names the owner, so another listener's
 * playlist is simply not there. The head's content lives in the playlist document itself (the one
 * source of truth for what is shown); version documents keep the history undo, redo and restore read.
 * Moving the head is a conditional update on the version it was read at: of two concurrent edits
 * of the same version exactly one wins, and the other learns it lost.
 */
export function playlistsRepository(store: Store) {
  const playlists = store.collection<PlaylistDocument>(collections.playlists);
  const versions = store.collection<PlaylistVersionDocument>(collections.playlistVersions);
  return {
    list(userId: string, limit = 200): Promise<PlaylistDocument[]> {
      return playlists.find({ userId }, { sort: { updatedAt: -1 }, limit });
    },

    find(userId: string, id: string): Promise<PlaylistDocument | null> {
      return playlists.findOne({ _id: id, userId });
    },

    /** Any listener's playlist by id: only to tell "taken by someone else" from "free" on create. */
    findAnyOwner(id: string): Promise<PlaylistDocument | null> {
      return playlists.findOne({ _id: id });
    },

    /** Writes version 1, then the playlist; throws DuplicateKeyError when the id is taken. */
    async insert(playlist: PlaylistDocument, label: string): Promise<void> {
      await this.putVersion(playlist, playlist, label);
      await playlists.insertOne(playlist);
    },

    /** Writes (or rewrites) the version document of `playlist.version` with `content`. */
    async putVersion(
      playlist: Pick<PlaylistDocument, "_id" | "userId" | "version">,
      content: PlaylistContent,
      label: string,
      now = new Date(),
    ) {
      await versions.updateOne(
        { _id: playlistVersionId(playlist._id, playlist.version) },
        {
          $set: {
            playlistId: playlist._id,
            userId: playlist.userId,
            version: playlist.version,
            name: content.name,
            description: content.description,
            tracks: content.tracks,
            label,
            createdAt: now,
          },
        },
        { upsert: true },
      );
    },

    /**
     * Moves the head if it is still where the caller read it (`expected`): true when it moved,
     * false when another write got there first (or the playlist is gone).
     */
    async moveHead(
      userId: string,
      id: string,
      expected: { version: number; latestVersion: number },
      head: PlaylistContent & { version: number; latestVersion: number; updatedAt: Date },
    ): Promise<boolean> {
      const result = await playlists.updateOne(
        { _id: id, userId, version: expected.version, latestVersion: expected.latestVersion },
        { $set: head },
      );
      return result.matchedCount === 1;
    },

    version(userId: string, id: string, version: number): Promise<PlaylistVersionDocument | null> {
      return versions.findOne({ _id: playlistVersionId(id, version), userId });
    },

    /** The playlist's versions, newest first, without their tracks' details beyond a count. */
    versions(userId: string, id: string, limit = 200): Promise<PlaylistVersionDocument[]> {
      return versions.find({ playlistId: id, userId }, { sort: { version: -1 }, limit });
    },

    /** Removes the versions above `version` (a redo tail an edit replaces), up to `through`. */
    async dropVersionsAbove(userId: string, id: string, version: number, through: number): Promise<number> {
      return versions.deleteMany({ playlistId: id, userId, version: { $gt: version, $lte: through } });
    },

    async setSpotify(userId: string, id: string, sync: SpotifySync): Promise<boolean> {
      return (await playlists.updateOne({ _id: id, userId }, { $set: { spotify: sync } })).matchedCount === 1;
    },

    /** Deletes the playlist, then its versions (a crash in between leaves versions no one can reach). */
    async remove(userId: string, id: string): Promise<boolean> {
      const removed = await playlists.deleteOne({ _id: id, userId });
      if (removed === 0) return false;
      await versions.deleteMany({ playlistId: id, userId });
      return true;
    },
  };
}

export type PlaylistsRepository = ReturnType<typeof playlistsRepository>;
