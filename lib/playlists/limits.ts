/**
 * A stored playlist's limits and the shape of a track on the wire: Spotify's own limits, so
 * anything stored can be saved there. Client-safe (zod only): the editor checks the same rules
 * before it sends an edit, and the routes validate with these schemas.
 */
import { z } from "zod";

import {
  DESCRIPTION_TOO_LONG,
  NAME_MISSING,
  NAME_TOO_LONG,
  PLAYLIST_MAX_DESCRIPTION,
  PLAYLIST_MAX_NAME,
  PLAYLIST_MAX_TRACKS,
  TOO_MANY_TRACKS,
} from "./rules";

export { PLAYLIST_MAX_DESCRIPTION, PLAYLIST_MAX_NAME, PLAYLIST_MAX_TRACKS, TOO_MANY_TRACKS };

export const playlistOrigins = ["discover", "assistant", "seed", "prompt", "blend", "manual"] as const;

const TRACK_KEY = /^spotify:track:[A-Za-z0-9]{1,40}$/;

/** A track as a caller sends it: the identity and names are required, the rest defaults to unknown. */
export const playlistTrackInput = z.object({
  key: z.string().regex(TRACK_KEY, "Use a Spotify track URI (spotify:track:<id>)."),
  name: z.string().trim().min(1).max(300),
  artistName: z.string().trim().min(1).max(300),
  albumName: z.string().trim().max(300).nullish(),
  // Spotify's covers (https) or the demo catalogue's art, served by this site (`/demo-art/...`).
  imageUrl: z
    .string()
    .max(1000)
    .regex(/^(?:https:\/\/\S+|\/(?!\/)\S*)$/, "Use an https URL or a path on this site.")
    .nullish(),
  durationMs: z.number().int().min(0).max(86_400_000).nullish(),
  explicit: z.boolean().nullish(),
  pinned: z.boolean().optional(),
  reason: z.string().trim().max(500).nullish(),
  from: z.string().trim().max(100).nullish(),
});

export type PlaylistTrackInput = z.input<typeof playlistTrackInput>;

const TOO_MANY = TOO_MANY_TRACKS;

export const playlistName = z.string().trim().min(1, NAME_MISSING).max(PLAYLIST_MAX_NAME, NAME_TOO_LONG);

export const playlistDescription = z.string().trim().max(PLAYLIST_MAX_DESCRIPTION, DESCRIPTION_TOO_LONG);

/** One edit of a playlist, as the editor sends it (and the server functions take it). */
export const playlistEdit = z.discriminatedUnion("op", [
  z.object({ op: z.literal("move"), key: z.string().min(1).max(100), to: z.number().int().min(0) }),
  z.object({ op: z.literal("remove"), key: z.string().min(1).max(100) }),
  z.object({
    op: z.literal("add"),
    tracks: z.array(playlistTrackInput).min(1).max(PLAYLIST_MAX_TRACKS, TOO_MANY),
    at: z.number().int().min(0).optional(),
  }),
  z.object({ op: z.literal("rename"), name: playlistName }),
  z.object({ op: z.literal("describe"), description: playlistDescription }),
  z.object({ op: z.literal("pin"), key: z.string().min(1).max(100), pinned: z.boolean() }),
  z.object({
    op: z.literal("replace"),
    tracks: z.array(playlistTrackInput).max(PLAYLIST_MAX_TRACKS, TOO_MANY),
    label: z.string().trim().min(1).max(200),
  }),
]);

export type PlaylistEdit = z.input<typeof playlistEdit>;
