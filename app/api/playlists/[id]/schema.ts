import { z } from "zod";
import { playlistEdit } from "@/lib/playlists";

const version = z.number().int().min(1);

/** PATCH /api/playlists/{id}: one edit, made on the version the listener saw. */
export const editPlaylistBody = z.object({ baseVersion: version, edit: playlistEdit });

/** POST /api/playlists/{id}/versions: undo, redo, or restore a kept version (as a new one). */
export const versionActionBody = z
  .object({ action: z.enum(["undo", "redo", "restore"]), baseVersion: version, version: version.optional() })
  .refine((body) => body.action !== "restore" || body.version !== undefined, {
    path: ["version"],
    message: "Say which version to restore.",
  });

/** POST /api/playlists/{id}/tune: refresh every track not pinned, for a prompt. */
export const tuneBody = z.object({
  prompt: z.string().trim().min(2, "Say how to tune it, e.g. “calmer” or “more 90s”.").max(300),
  baseVersion: version,
});
