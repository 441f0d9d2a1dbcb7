/**
 * The shape every parsed privacy-export row takes before it leaves the parser: the same in the
 * browser worker, on the wire (JSON chunks) and in the server-side CLI. Personal fields (IP
 * address, user agent, username) never make it into this shape.
 */
import { z } from "zod";
import { MAX_NAME_LENGTH } from "./parse/fields";

export const importRowSchema = z.object({
  /** extended: Streaming_History_Audio / endsong; account: StreamingHistory_music (minute precision, no URI). */
  kind: z.enum(["extended", "account"]),
  /** When playback ended, ISO 8601 UTC with Z; account rows are at minute precision. */
  endedAt: z.iso.datetime({ offset: false }),
  /** The 22-character base62 id from spotify:track:<id>, when the row has one. */
  trackId: z
    .string()
    .regex(/^[0-9A-Za-z]{22}$/)
    .nullable(),
  trackName: z.string().min(1).max(MAX_NAME_LENGTH),
  artistName: z.string().min(1).max(MAX_NAME_LENGTH),
  albumName: z.string().max(MAX_NAME_LENGTH).nullable(),
  msPlayed: z
    .number()
    .int()
    .min(0)
    .max(24 * 60 * 60 * 1000),
  platform: z.string().max(200).nullable(),
  reasonStart: z.string().max(64).nullable(),
  reasonEnd: z.string().max(64).nullable(),
  shuffle: z.boolean().nullable(),
  skipped: z.boolean().nullable(),
  offline: z.boolean().nullable(),
  incognito: z.boolean().nullable(),
  country: z.string().max(8).nullable(),
});

export type ImportRow = z.infer<typeof importRowSchema>;

export { LISTEN_THRESHOLD_MS, rejectionReasons, type RejectionReason } from "./reasons";
