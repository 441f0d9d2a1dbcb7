import { draftFromPrompt, draftFromSeed } from "@/lib/assistant";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http";
import { createPlaylist, listPlaylists, playlistForRequest } from "@/lib/playlists";
import { createPlaylistBody } from "./schema";

export const dynamic = "force-dynamic";

/** The listener's playlists, most recently changed first (summaries: a count instead of tracks). */
export const GET = route({ auth: "listener", rateLimit: { name: "playlists-list", limit: 120, windowSeconds: 60 } }, async ({ listener }) =>
  Response.json({ playlists: await listPlaylists(listener) }, { headers: { "cache-control": "private, no-store" } }),
);

/**
 * Creates a playlist from tracks, from a seed track or artist, or from a prompt (read by the
 * offline model, filled by the engine). With a `requestId`, a retried request answers with the
 * playlist the first one made (200 instead of 201) without computing a draft again.
 */
export const POST = route(
  { auth: "listener", body: createPlaylistBody, rateLimit: { name: "playlists-create", limit: 30, windowSeconds: 60 } },
  async ({ listener, body }) => {
    if (body.requestId) {
      const existing = await playlistForRequest(listener, body.requestId);
      if (existing) return Response.json({ playlist: existing }, { status: 200 });
    }
    const requestId = body.requestId ? { requestId: body.requestId } : {};
    let playlist;
    if (body.tracks) {
      playlist = await createPlaylist(listener, {
        name: body.name!,
        ...(body.description !== undefined ? { description: body.description } : {}),
        origin: body.origin ?? "manual",
        tracks: body.tracks,
        ...requestId,
      });
    } else {
      const draft = body.seed ? await draftFromSeed(listener, body.seed) : await draftFromPrompt(listener, body.prompt!);
      if (!draft)
        throw new AppError("not_found", {
          detail: `No ${body.seed!.kind} “${body.seed!.id}” in your listening history: seed a playlist with something you have played.`,
        });
      if (draft.tracks.length === 0)
        throw new AppError("not_found", { detail: "No tracks fit that yet. Try other words, or a mood, activity or decade." });
      playlist = await createPlaylist(listener, {
        name: body.name ?? draft.name,
        description: body.description ?? draft.description,
        origin: body.seed ? "seed" : "prompt",
        tracks: draft.tracks,
        label: body.seed ? "Created from a seed" : "Created from a prompt",
        ...requestId,
      });
    }
    return Response.json({ playlist }, { status: 201 });
  },
);
