/**
 * What an edit does to a playlist's content, as a pure function: the server applies it to the head
 * it read, and the editor applies the same function for its optimistic update, so what the
 * listener sees before the answer is what the server stores.
 */
import type { PlaylistContent, PlaylistTrack } from "@/lib/db";
import type { PlaylistEdit, PlaylistTrackInput } from "./limits";
import { checkPlaylistDescription, checkPlaylistName, PLAYLIST_MAX_TRACKS, TOO_MANY_TRACKS, type RuleResult } from "./rules";

export type { PlaylistContent };

/** An edit the content cannot take: `field` names the part of the edit, `message` what to do. */
export class PlaylistEditError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = "PlaylistEditError";
    this.field = field;
  }
}

/** A track from the wire with its unknowns filled in. */
export function toPlaylistTrack(input: PlaylistTrackInput): PlaylistTrack {
  return {
    key: input.key,
    name: input.name.trim(),
    artistName: input.artistName.trim(),
    albumName: input.albumName ?? null,
    imageUrl: input.imageUrl ?? null,
    durationMs: input.durationMs ?? null,
    explicit: input.explicit ?? null,
    pinned: input.pinned ?? false,
    reason: input.reason ?? null,
    from: input.from ?? null,
  };
}

/** Tracks in order with each key once (the first wins), checked against the limit. */
export function uniqueTracks(tracks: PlaylistTrack[], field = "tracks"): PlaylistTrack[] {
  const seen = new Set<string>();
  const unique = tracks.filter((track) => !seen.has(track.key) && (seen.add(track.key), true));
  if (unique.length > PLAYLIST_MAX_TRACKS) throw new PlaylistEditError(field, TOO_MANY_TRACKS);
  return unique;
}

function indexOfKey(tracks: PlaylistTrack[], key: string): number {
  const index = tracks.findIndex((track) => track.key === key);
  if (index < 0) throw new PlaylistEditError("key", "This track is not in the playlist any more; reload to see its current tracks.");
  return index;
}

function checked(result: RuleResult, field: string): string {
  if (!result.ok) throw new PlaylistEditError(field, result.message);
  return result.value;
}

function describeMove(name: string, from: number, to: number): string {
  if (to === from - 1) return `Moved “${name}” up`;
  if (to === from + 1) return `Moved “${name}” down`;
  return `Moved “${name}” to position ${to + 1}`;
}

/**
 * Applies one edit. Returns the new content and a label saying what changed, or null when the
 * edit changes nothing (a rename to the same name, adding tracks already there): no new version.
 * Throws PlaylistEditError when the edit cannot apply (an unknown track, past the limits).
 */
export function applyEdit(content: PlaylistContent, edit: PlaylistEdit): { content: PlaylistContent; label: string } | null {
  const { tracks } = content;
  switch (edit.op) {
    case "move": {
      const from = indexOfKey(tracks, edit.key);
      if (edit.to >= tracks.length) throw new PlaylistEditError("to", `Pick a position from 1 to ${tracks.length}.`);
      if (edit.to === from) return null;
      const next = tracks.slice();
      const [track] = next.splice(from, 1);
      next.splice(edit.to, 0, track!);
      return { content: { ...content, tracks: next }, label: describeMove(track!.name, from, edit.to) };
    }
    case "remove": {
      const index = indexOfKey(tracks, edit.key);
      return { content: { ...content, tracks: tracks.filter((_, i) => i !== index) }, label: `Removed “${tracks[index]!.name}”` };
    }
    case "add": {
      const present = new Set(tracks.map((track) => track.key));
      const added = uniqueTracks(edit.tracks.map(toPlaylistTrack)).filter((track) => !present.has(track.key));
      if (added.length === 0) return null;
      if (tracks.length + added.length > PLAYLIST_MAX_TRACKS) throw new PlaylistEditError("tracks", TOO_MANY_TRACKS);
      const at = Math.min(edit.at ?? tracks.length, tracks.length);
      const next = [...tracks.slice(0, at), ...added, ...tracks.slice(at)];
      const label = added.length === 1 ? `Added “${added[0]!.name}”` : `Added ${added.length} tracks`;
      return { content: { ...content, tracks: next }, label };
    }
    case "rename": {
      const name = checked(checkPlaylistName(edit.name), "name");
      if (name === content.name) return null;
      return { content: { ...content, name }, label: `Renamed to “${name}”` };
    }
    case "describe": {
      const description = checked(checkPlaylistDescription(edit.description), "description");
      if (description === content.description) return null;
      return { content: { ...content, description }, label: description ? "Changed the description" : "Removed the description" };
    }
    case "pin": {
      const index = indexOfKey(tracks, edit.key);
      const track = tracks[index]!;
      if (track.pinned === edit.pinned) return null;
      const next = tracks.map((entry, i) => (i === index ? { ...entry, pinned: edit.pinned } : entry));
      return { content: { ...content, tracks: next }, label: `${edit.pinned ? "Pinned" : "Unpinned"} “${track.name}”` };
    }
    case "replace": {
      const next = uniqueTracks(edit.tracks.map(toPlaylistTrack));
      return { content: { ...content, tracks: next }, label: edit.label.trim() };
    }
  }
}
