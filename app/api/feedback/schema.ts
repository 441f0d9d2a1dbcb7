import { z } from "zod";

export const feedbackBody = z.object({
  target: z.enum(["track", "artist"]),
  /** A track key (`spotify:track:<id>` or `artist|title`) or an artist name. */
  itemId: z.string().trim().min(1).max(600),
  /** null takes an earlier opinion back. */
  kind: z.enum(["like", "dislike", "not_now"]).nullable(),
});
