/**
 * The player's failures as the listener should read them: Spotify's player reasons (reference
 * 3.4) turned into problems that say what to do. The player API and the assistant's playback
 * tool share these words.
 */
import { AppError } from "@/lib/errors";
import { SpotifyRequestError } from "./errors";
import { ReconnectRequiredError } from "./tokens";

export type PlayerProblem = "NO_ACTIVE_DEVICE" | "PREMIUM_REQUIRED" | "DEVICE_NOT_CONTROLLABLE" | "DEVICE_NOT_FOUND" | "RECONNECT";

export const PLAYER_HELP: Record<PlayerProblem, string> = {
  NO_ACTIVE_DEVICE: "Spotify has no active device. Open Spotify on a phone, computer or speaker, start any song, then try again.",
  PREMIUM_REQUIRED:
    "Spotify only lets Premium accounts be controlled by other apps. Play it in the Spotify app instead, or upgrade to Premium to play from EchoTune.",
  DEVICE_NOT_CONTROLLABLE: "That device does not let other apps control it. Pick another device, or play it in the Spotify app.",
  DEVICE_NOT_FOUND: "That device is not available any more. Open Spotify on it, refresh the device list, then try again.",
  RECONNECT: "Spotify needs you to sign in again: reconnect Spotify in Settings, then try again.",
};

/** Which problem a player command's failure is, or null for one that is not the listener's to fix (5xx, 429). */
export function playerProblemOf(error: unknown): PlayerProblem | null {
  if (error instanceof ReconnectRequiredError) return "RECONNECT";
  if (!(error instanceof SpotifyRequestError)) return null;
  if (error.reason === "NO_ACTIVE_DEVICE") return "NO_ACTIVE_DEVICE";
  if (error.reason === "PREMIUM_REQUIRED") return "PREMIUM_REQUIRED";
  if (error.reason === "DEVICE_NOT_CONTROLLABLE" || error.reason === "REMOTE_CONTROL_DISALLOW") return "DEVICE_NOT_CONTROLLABLE";
  if (error.status === 404 && /active device/i.test(error.message)) return "NO_ACTIVE_DEVICE";
  if (error.status === 404 && /device/i.test(error.message)) return "DEVICE_NOT_FOUND";
  if (error.status === 401) return "RECONNECT";
  return null;
}

/**
 * Runs a player command, turning Spotify's player failures into problems with a `reason` and
 * the words above (409 for a device to open, 403 for Premium or a locked device). "Already
 * paused" is what the listener wanted: it succeeds.
 */
export async function playerCommand(command: () => Promise<void>): Promise<void> {
  try {
    await command();
  } catch (error) {
    if (error instanceof SpotifyRequestError && error.reason === "ALREADY_PAUSED") return;
    const problem = playerProblemOf(error);
    if (!problem) {
      if (error instanceof SpotifyRequestError)
        throw new AppError("conflict", {
          detail: `Spotify refused: ${error.message}.`,
          extensions: { reason: error.reason ?? "UNKNOWN" },
          cause: error,
        });
      throw error;
    }
    const code =
      problem === "PREMIUM_REQUIRED" || problem === "DEVICE_NOT_CONTROLLABLE"
        ? "forbidden"
        : problem === "RECONNECT"
          ? "forbidden"
          : "conflict";
    throw new AppError(code, { detail: PLAYER_HELP[problem], extensions: { reason: problem }, cause: error });
  }
}
