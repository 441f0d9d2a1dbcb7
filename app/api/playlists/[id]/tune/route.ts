import { tunedTracks } from "@/lib/assistant";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http";
import { ConflictError, editPlaylist, getPlaylist } from "@/lib/playlists";
import { playlistParams } from "../../schema";
import { tuneBody } from "../schema";

export const dynamic = "force-dynamic";

/**
 * "Tune": refreshes every track the listener did not pin with picks for the prompt, as one new
 * version (undo brings the old tracks back). Pinned tracks keep their places.
 */
export const POST = route(
  { auth: "listener", params: playlistParams, body: tuneBody, rateLimit: { name: "playlists-tune", limit: 20, windowSeconds: 60 } },
  async ({ listener, params, body }) => {
    const current = await getPlaylist(listener, params.id);
    if (!current)
      throw new AppError("not_found", { detail: "This playlist does not exist, or it was deleted. Go back to your playlists." });
    if (current.version !== body.baseVersion) throw new ConflictError(current.version);
    const tracks = await tunedTracks(listener, current, body.prompt);
    const label = `Tuned: “${body.prompt.length > 60 ? `${body.prompt.slice(0, 59)}…` : body.prompt}”`;
    return { playlist: await editPlaylist(listener, params.id, body.baseVersion, { op: "replace", tracks, label }) };
  },
);
