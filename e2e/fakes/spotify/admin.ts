/**
 * Admin hooks for the fake listener (JSON in, JSON out), wired into server.ts's admin switch:
 *   POST /__admin/plays   {plays?: [{trackId? | uri?, playedAt? (ISO or ms), msPlayed?}], count?}
 *                         appends plays after the history (now, by default), as new listening
 *   POST /__admin/devices {devices?: [{id, name, type?, ...}], activeDeviceId?: string | null, product?: "premium" | "free"}
 *   GET  /__admin/player  the player state and devices
 *   GET  /__admin/playlists  the listener's playlists with their track URIs in order (what a save left)
 */
import { sendJson, type RequestContext } from "./http";
import type { FakeDevice } from "./library";
import type { FakePlay } from "./world";

const badRequest = (context: RequestContext, message: string) => sendJson(context, 400, { error: message });

function playedAtOf(value: unknown): number | undefined | null {
  if (value === undefined || value === null) return undefined;
  const ms = typeof value === "number" ? value : typeof value === "string" ? Date.parse(value) : Number.NaN;
  return Number.isFinite(ms) ? ms : null;
}

export function adminPlays(context: RequestContext, body: Record<string, unknown>): void {
  const inputs: unknown[] = Array.isArray(body.plays)
    ? body.plays
    : Array.from({ length: Math.max(1, Math.min(500, Number(body.count ?? 1) || 1)) }, () => ({}));
  const recorded: FakePlay[] = [];
  for (const raw of inputs) {
    const input = (raw ?? {}) as { trackId?: unknown; uri?: unknown; playedAt?: unknown; msPlayed?: unknown };
    const trackId =
      typeof input.uri === "string"
        ? input.uri.replace(/^spotify:track:/, "")
        : typeof input.trackId === "string"
          ? input.trackId
          : undefined;
    const playedAt = playedAtOf(input.playedAt);
    if (playedAt === null) return badRequest(context, `playedAt is not a date: ${String(input.playedAt)}`);
    const msPlayed = typeof input.msPlayed === "number" ? input.msPlayed : undefined;
    try {
      recorded.push(context.state.recordPlay({ trackId, playedAt, msPlayed }));
    } catch (error) {
      return badRequest(context, (error as Error).message);
    }
  }
  return sendJson(context, 200, {
    ok: true,
    plays: recorded.map((play) => ({
      trackId: play.trackId,
      uri: `spotify:track:${play.trackId}`,
      playedAt: new Date(play.playedAt).toISOString(),
      playedAtMs: play.playedAt,
      msPlayed: play.msPlayed,
    })),
  });
}

export function adminDevices(context: RequestContext, body: Record<string, unknown>): void {
  const { library, user } = context.state;
  if (body.devices !== undefined) {
    if (!Array.isArray(body.devices)) return badRequest(context, "devices must be an array");
    const devices: FakeDevice[] = [];
    for (const raw of body.devices as Array<Partial<FakeDevice>>) {
      if (typeof raw?.id !== "string" || typeof raw.name !== "string") return badRequest(context, "every device needs an id and a name");
      devices.push({
        id: raw.id,
        name: raw.name,
        type: raw.type ?? "Computer",
        is_active: raw.is_active ?? false,
        is_private_session: raw.is_private_session ?? false,
        is_restricted: raw.is_restricted ?? false,
        volume_percent: raw.volume_percent === undefined ? 50 : raw.volume_percent,
        supports_volume: raw.supports_volume ?? true,
      });
    }
    library.devices = devices;
  }
  if (body.activeDeviceId !== undefined) {
    if (body.activeDeviceId === null) for (const device of library.devices) device.is_active = false;
    else {
      const device = library.devices.find((candidate) => candidate.id === body.activeDeviceId);
      if (!device) return badRequest(context, `no device ${String(body.activeDeviceId)}`);
      library.activate(device);
    }
  }
  if (body.product !== undefined) {
    if (body.product !== "premium" && body.product !== "free") return badRequest(context, 'product must be "premium" or "free"');
    user.product = body.product;
  }
  return sendJson(context, 200, { ok: true, devices: library.devices, product: user.product });
}

export function adminPlayer(context: RequestContext): void {
  const { library, user } = context.state;
  return sendJson(context, 200, { player: library.player, devices: library.devices, product: user.product });
}

export function adminPlaylists(context: RequestContext): void {
  return sendJson(
    context,
    200,
    context.state.library.playlists.map((playlist) => ({
      id: playlist.id,
      name: playlist.name,
      description: playlist.description,
      uris: playlist.entries.map((entry) => entry.uri),
    })),
  );
}
