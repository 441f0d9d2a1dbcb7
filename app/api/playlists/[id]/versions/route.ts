import { AppError } from "@/lib/errors";
import { route } from "@/lib/http";
import { listPlaylistVersions, redoPlaylist, restorePlaylistVersion, undoPlaylist } from "@/lib/playlists";
import { playlistParams } from "../../schema";
import { versionActionBody } from "../schema";

export const dynamic = "force-dynamic";

/** The playlist's kept versions, newest first, each saying what changed. */
export const GET = route(
  { auth: "listener", params: playlistParams, rateLimit: { name: "playlists-read", limit: 240, windowSeconds: 60 } },
  async ({ listener, params }) => {
    const versions = await listPlaylistVersions(listener, params.id);
    if (!versions)
      throw new AppError("not_found", { detail: "This playlist does not exist, or it was deleted. Go back to your playlists." });
    return Response.json({ versions }, { headers: { "cache-control": "private, no-store" } });
  },
);

/** Undo, redo, or restore a version (a new version copying it); each on `baseVersion`, 409 when it moved on. */
export const POST = route(
  {
    auth: "listener",
    params: playlistParams,
    body: versionActionBody,
    rateLimit: { name: "playlists-edit", limit: 300, windowSeconds: 60 },
  },
  async ({ listener, params, body }) => {
    const playlist =
      body.action === "undo"
        ? await undoPlaylist(listener, params.id, body.baseVersion)
        : body.action === "redo"
          ? await redoPlaylist(listener, params.id, body.baseVersion)
          : await restorePlaylistVersion(listener, params.id, body.version!, body.baseVersion);
    return { playlist };
  },
);
