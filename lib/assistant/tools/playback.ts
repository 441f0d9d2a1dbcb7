import "server-only";
import { tool, zodSchema } from "ai";
import { z } from "zod";
import { PLAYER_HELP, playerProblemOf } from "@/lib/spotify";
import { searchTracks } from "../grounding";
import type { PlaybackOutput, PlaybackProblem } from "../tool-outputs";
import { historyTrackFor, type ToolContext } from "./context";

const TRACK_URI = /^spotify:track:[A-Za-z0-9]{1,40}$/;

const PROBLEMS: Record<PlaybackProblem, string> = {
  "no-active-device": PLAYER_HELP.NO_ACTIVE_DEVICE,
  "premium-required": PLAYER_HELP.PREMIUM_REQUIRED,
  "not-connected": PLAYER_HELP.RECONNECT,
  "not-found": "I could not find that track in the catalogue.",
  unavailable: "Spotify did not answer; try again in a moment.",
};

/** The player's words for what went wrong (lib/spotify's, shared with the player API). */
function problemOf(error: unknown): PlaybackProblem {
  switch (playerProblemOf(error)) {
    case "NO_ACTIVE_DEVICE":
    case "DEVICE_NOT_FOUND":
      return "no-active-device";
    case "PREMIUM_REQUIRED":
    case "DEVICE_NOT_CONTROLLABLE":
      return "premium-required";
    case "RECONNECT":
      return "not-connected";
    default:
      return "unavailable";
  }
}

const playbackInput = zodSchema(
  z.object({
    action: z.enum(["play", "queue"]),
    trackKeys: z.array(z.string().regex(TRACK_URI, "must be a spotify:track: URI")).max(50).optional(),
    query: z.string().trim().min(1).max(200).optional(),
  }),
);

/**
 * Play or queue tracks on the listener's active Spotify device, with a plain answer when it
 * cannot. Starting playback acts on the listener's speakers: it runs only after they approve it
 * in the chat (toolApproval in turn.ts), like saving a playlist.
 */
export function playbackTool({ client, listener }: ToolContext) {
  return tool({
    description:
      "Play tracks now, or add one to the queue, on the listener's active Spotify device. Give track keys (spotify:track:… URIs) or a name: the listener's own most played match comes first, then the catalogue.",
    inputSchema: playbackInput,
    execute: async ({ action, trackKeys, query }): Promise<PlaybackOutput> => {
      let uris = trackKeys ?? [];
      let label = uris.length === 1 ? "the track" : `${uris.length} tracks`;
      if (uris.length === 0 && query) {
        // The listener's own song first: "Play Stay the Shadow" means the one they play most.
        const own = await historyTrackFor(listener, query).catch(() => null);
        const track = own ? own.index.tracks[own.id] : undefined;
        if (track?.trackId) {
          uris = [`spotify:track:${track.trackId}`];
          label = `“${track.name}” by ${own!.index.artists[track.artist]?.name ?? "an unknown artist"}`;
        }
      }
      if (uris.length === 0 && query) {
        const found = await searchTracks(client, query, 1).catch(() => []);
        if (found[0]) {
          uris = [found[0].key];
          label = `“${found[0].name}” by ${found[0].artist}`;
        }
      }
      if (uris.length === 0) return { ok: false, action, problem: "not-found", summary: PROBLEMS["not-found"] };
      try {
        if (action === "play") await client.play({ uris });
        else await client.queue(uris[0]!);
        return { ok: true, action, summary: action === "play" ? `Playing ${label}.` : `Added ${label} to your queue.` };
      } catch (error) {
        const problem = problemOf(error);
        return { ok: false, action, problem, summary: PROBLEMS[problem] };
      }
    },
  });
}
