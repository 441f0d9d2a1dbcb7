/**
 * Report wording shared by the server and the import page. Kept free of zod so the page does not
 * ship a schema library just to print a reason.
 */
/** Why a row was not imported; stable snake_case codes the report and the UI explain. */
export const rejectionReasons = {
  malformed_timestamp: "The timestamp could not be read",
  future_timestamp: "The timestamp is in the future",
  missing_fields: "Track name, artist or time is missing",
  invalid_value: "A field has a value of the wrong type",
  podcast_episode: "Podcast episode (EchoTune imports music only)",
  audiobook: "Audiobook chapter (EchoTune imports music only)",
  video: "Video (EchoTune imports music only)",
  duplicate_in_file: "The same stream appears twice in the export",
} as const;

export type RejectionReason = keyof typeof rejectionReasons;

/** Spotify's own rule, used by the insights: a play counts as a listen from 30 seconds. */
export const LISTEN_THRESHOLD_MS = 30_000;

/** "30 seconds", "1 minute 30 seconds", "2 minutes": how a threshold reads in a sentence. */
export function thresholdWords(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const parts = [
    ...(minutes > 0 ? [`${minutes} ${minutes === 1 ? "minute" : "minutes"}`] : []),
    ...(rest > 0 || minutes === 0 ? [`${rest} ${rest === 1 ? "second" : "seconds"}`] : []),
  ];
  return parts.join(" ");
}
