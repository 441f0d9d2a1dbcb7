import { route } from "@/lib/http";
import { playerCommand, spotifyClientFor } from "@/lib/spotify";

export const dynamic = "force-dynamic";

/** The listener's Spotify devices and what is playing (null: nothing), for the device picker. */
export const GET = route({ auth: "listener", rateLimit: { name: "player-state", limit: 60, windowSeconds: 60 } }, async ({ listener }) => {
  const client = spotifyClientFor({ userId: listener.id, isDemo: listener.isDemo });
  let devices: Awaited<ReturnType<typeof client.devices>> = [];
  let playback: Awaited<ReturnType<typeof client.playback>> = null;
  // A reconnect is the listener's to fix: the same words as a command's.
  await playerCommand(async () => {
    [devices, playback] = await Promise.all([client.devices(), client.playback()]);
  });
  return Response.json({ devices, playback, demo: listener.isDemo }, { headers: { "cache-control": "private, no-store" } });
});
