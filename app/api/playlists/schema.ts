import { z } from "zod";
import { PLAYLIST_MAX_TRACKS, playlistDescription, playlistName, playlistTrackInput } from "@/lib/playlists";

/** A client's id for one create: the same id sent again returns the playlist the first request made. */
export const requestId = z
  .string()
  .min(8)
  .max(100)
  .regex(/^[A-Za-z0-9._:-]+$/, "Use 8 to 100 letters, digits, dots, dashes, underscores or colons (a UUID works).");

/** What a listener may create a playlist from here (Blend playlists are made by the Blend itself). */
const creatableOrigin = z.enum(["discover", "assistant", "seed", "prompt", "manual"]);

/**
 * POST /api/playlists: exactly one of tracks (with a name), a seed track or artist, or a prompt
 * ("90s trip-hop for a rainy evening, 25 tracks").
 */
export const createPlaylistBody = z
  .object({
    name: playlistName.optional(),
    description: playlistDescription.optional(),
    origin: creatableOrigin.optional(),
    tracks: z
      .array(playlistTrackInput)
      .max(PLAYLIST_MAX_TRACKS, `A playlist holds at most ${PLAYLIST_MAX_TRACKS} tracks: send fewer.`)
      .optional(),
    seed: z.object({ kind: z.enum(["track", "artist"]), id: z.string().trim().min(1).max(300) }).optional(),
    prompt: z.string().trim().min(3, "Describe the playlist in a few words.").max(300).optional(),
    requestId: requestId.optional(),
  })
  .superRefine((body, issue) => {
    const modes = [body.tracks !== undefined, body.seed !== undefined, body.prompt !== undefined].filter(Boolean).length;
    if (modes !== 1)
      issue.addIssue({ code: "custom", path: [], message: "Send exactly one of `tracks` (with a `name`), `seed` or `prompt`." });
    if (body.tracks !== undefined && body.name === undefined)
      issue.addIssue({ code: "custom", path: ["name"], message: "Give the playlist a name." });
  });

export const playlistParams = z.object({ id: z.string().min(1).max(64) });
