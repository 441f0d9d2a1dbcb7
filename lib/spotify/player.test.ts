import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { SpotifyRequestError } from "./errors";
import { PLAYER_HELP, playerCommand, playerProblemOf } from "./player";
import { ReconnectRequiredError } from "./tokens";

const refused = (error: Error) =>
  playerCommand(() => Promise.reject(error)).then(
    () => null,
    (caught: unknown) => caught as AppError,
  );

describe("the player's failures", () => {
  it("reads Spotify's player reasons, and a 404 by what it names", () => {
    expect(playerProblemOf(new SpotifyRequestError(404, "Player command failed: No active device found", "NO_ACTIVE_DEVICE"))).toBe(
      "NO_ACTIVE_DEVICE",
    );
    expect(playerProblemOf(new SpotifyRequestError(403, "Player command failed: Premium required", "PREMIUM_REQUIRED"))).toBe(
      "PREMIUM_REQUIRED",
    );
    expect(playerProblemOf(new SpotifyRequestError(403, "Restriction violated", "DEVICE_NOT_CONTROLLABLE"))).toBe(
      "DEVICE_NOT_CONTROLLABLE",
    );
    expect(playerProblemOf(new SpotifyRequestError(404, "Device not found"))).toBe("DEVICE_NOT_FOUND");
    expect(playerProblemOf(new SpotifyRequestError(404, "Context not found"))).toBeNull();
    expect(playerProblemOf(new ReconnectRequiredError())).toBe("RECONNECT");
    expect(playerProblemOf(new Error("boom"))).toBeNull();
  });

  it("turns them into problems that say what to do; already paused is success; the rest pass through", async () => {
    const none = await refused(new SpotifyRequestError(404, "Player command failed: No active device found", "NO_ACTIVE_DEVICE"));
    expect(none).toMatchObject({ code: "conflict", detail: PLAYER_HELP.NO_ACTIVE_DEVICE, extensions: { reason: "NO_ACTIVE_DEVICE" } });
    expect(PLAYER_HELP.NO_ACTIVE_DEVICE).toContain("Open Spotify on a phone, computer or speaker, start any song, then try again");
    const premium = await refused(new SpotifyRequestError(403, "Player command failed: Premium required", "PREMIUM_REQUIRED"));
    expect(premium).toMatchObject({ code: "forbidden", extensions: { reason: "PREMIUM_REQUIRED" } });
    expect(premium?.detail).toMatch(/^Spotify only lets Premium accounts be controlled by other apps\./);
    expect(await refused(new SpotifyRequestError(403, "Restriction violated", "ALREADY_PAUSED"))).toBeNull();
    expect(await refused(new SpotifyRequestError(404, "Context not found"))).toMatchObject({
      code: "conflict",
      detail: "Spotify refused: Context not found.",
    });
    const bug = new TypeError("bug");
    expect(await refused(bug)).toBe(bug);
  });
});
