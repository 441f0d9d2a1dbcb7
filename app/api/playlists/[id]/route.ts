import { AppError } from "@/lib/errors";
import { route } from "@/lib/http";
import { deletePlaylist, editPlaylist, getPlaylist } from "@/lib/playlists";
import { playlistParams } from "../schema";
import { editPlaylistBody } from "./schema";

export const dynamic = "force-dynamic";

const notFound = () => new AppError("not_found", { detail: "This playlist does not exist, or it was deleted. Go back to your playlists." });

/** One playlist with its tracks; another listener's is a 404, as if it did not exist. */
export const GET = route(
  { auth: "listener", params: playlistParams, rateLimit: { name: "playlists-read", limit: 240, windowSeconds: 60 } },
  async ({ listener, params }) => {
    const playlist = await getPlaylist(listener, params.id);
    if (!playlist) throw notFound();
    return Response.json({ playlist }, { headers: { "cache-control": "private, no-store" } });
  },
);

/** One edit (move, remove, add, rename, describe, pin, replace) on `baseVersion`; 409 when the playlist moved on. */
export const PATCH = route(
  {
    auth: "listener",
    params: playlistParams,
    body: editPlaylistBody,
    rateLimit: { name: "playlists-edit", limit: 300, windowSeconds: 60 },
  },
  async ({ listener, params, body }) => ({ playlist: await editPlaylist(listener, params.id, body.baseVersion, body.edit) }),
);

/** Deletes the playlist and its history here (a copy on Spotify stays). */
export const DELETE = route(
  { auth: "listener", params: playlistParams, rateLimit: { name: "playlists-edit", limit: 300, windowSeconds: 60 } },
  async ({ listener, params }) => {
    if (!(await deletePlaylist(listener, params.id))) throw notFound();
    return new Response(null, { status: 204 });
  },
);
