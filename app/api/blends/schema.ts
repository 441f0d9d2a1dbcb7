import { z } from "zod";

/** A Blend's id (random, url-safe). */
export const blendParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{8,40}$/, "is not a Blend id") });

export const blendViewQuery = z.object({
  /** The range compared: the last 4 weeks, 6 months, or all time. */
  range: z.enum(["4w", "6m", "all"]).default("6m"),
});

/** An invite link's token (192 random bits, base64url). */
export const inviteParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "is not an invite token") });

export const inviteAnswerBody = z.object({ answer: z.enum(["accept", "decline"]) });

export const friendBody = z.object({ friend: z.string().trim().min(1).max(40) });
