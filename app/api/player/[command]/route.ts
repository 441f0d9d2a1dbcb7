import { AppError } from "@/lib/errors";
import { route } from "@/lib/http";
import { playerCommand, spotifyClientFor } from "@/lib/spotify";
import { playerCommandBody, playerCommandParams } from "../schema";

export const dynamic = "force-dynamic";

const missing = (field: string, message: string) => new AppError("validation_failed", { errors: [{ field: `body.${field}`, message }] });

/**
 * Play tracks or a playlist, queue a track, pause or skip, on the chosen device (or the active
 * one). No active device, Premium required and a locked device are problems that say what to do.
 */
export const POST = route(
  { auth: "listener", params: playerCommandParams, body: playerCommandBody, rateLimit: { name: "player", limit: 60, windowSeconds: 60 } },
  async ({ listener, params, body }) => {
    const client = spotifyClientFor({ userId: listener.id, isDemo: listener.isDemo });
    const { deviceId } = body;
    await playerCommand(async () => {
      switch (params.command) {
        case "play":
          return client.play({ uris: body.uris, contextUri: body.contextUri, deviceId });
        case "queue":
          if (!body.uri) throw missing("uri", "Name the track to queue (spotify:track:<id>).");
          return client.queue(body.uri, deviceId);
        case "pause":
          return client.pause(deviceId);
        case "next":
          return client.next(deviceId);
      }
    });
    return Response.json({ ok: true, command: params.command }, { headers: { "cache-control": "no-store" } });
  },
);
