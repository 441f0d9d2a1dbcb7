import { z } from "zod";

const trackUri = z.string().regex(/^spotify:track:[0-9A-Za-z]{1,40}$/, "Use a Spotify track URI (spotify:track:<id>).");

export const playerCommandParams = z.object({ command: z.enum(["play", "queue", "pause", "next"]) });

/**
 * One body for every command: `play` takes `uris` (tracks, in order) or `contextUri` (a saved
 * playlist or an album) or neither (resume); `queue` takes `uri`; all take an optional device.
 */
export const playerCommandBody = z
  .object({
    deviceId: z.string().trim().min(1).max(100).optional(),
    uris: z.array(trackUri).min(1).max(100).optional(),
    contextUri: z
      .string()
      .regex(/^spotify:(playlist|album|artist):[0-9A-Za-z]{1,40}$/, "Use a Spotify playlist, album or artist URI.")
      .optional(),
    uri: trackUri.optional(),
  })
  .refine((body) => !(body.uris && body.contextUri), { message: "Send either uris or contextUri, not both.", path: ["contextUri"] });
