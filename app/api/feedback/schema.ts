import { z } from "zod";

export const feedbackBody = z.object({
  target: z.enum(["track", "artist"]),
  /** A track key (`spotify:track:<id>` or `artist|title`) or an artist name. */
  itemId: z.string().trim().min(1).max(600),
  /** null takes an earlier opinion back. */
  kind: z.enum(["like", "dislike", "not_now"]).nullable(),
  /** The track's title or the artist's name as the listener saw it, for their lists in Settings. */
  name: z.string().trim().min(1).max(300).optional(),
  /** The track's artist as shown. */
  artist: z.string().trim().min(1).max(300).optional(),
});
