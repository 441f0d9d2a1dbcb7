"use client";

import { useMutation } from "@tanstack/react-query";
import { PencilIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { playlistRequests, type PlaylistTrackInput } from "@/lib/playlists/client";

/** A request id from the draft's content: opening the same draft twice opens one playlist. */
function requestIdOf(name: string, keys: readonly string[]): string {
  let hash = 0x811c9dc5;
  for (const char of `${name}\n${keys.join("\n")}`) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `chat-draft-${hash.toString(16).padStart(8, "0")}-${keys.length}`;
}

/**
 * "Open in editor" under a chat's playlist draft: keeps the draft as a stored playlist (once) and
 * opens it, or opens the stored playlist the draft already is (the Discover draft).
 */
export function OpenDraftButton({
  playlistId,
  name,
  description,
  tracks,
}: {
  playlistId?: string | null;
  name: string;
  description: string;
  tracks: PlaylistTrackInput[];
}) {
  const router = useRouter();
  const keep = useMutation({
    mutationFn: () =>
      playlistRequests.create({
        name,
        description,
        origin: "assistant",
        tracks,
        requestId: requestIdOf(
          name,
          tracks.map((track) => track.key),
        ),
      }),
    onSuccess: (playlist) => router.push(`/playlists/${playlist.id}`),
  });
  if (playlistId)
    return (
      <Button asChild size="sm" variant="outline" className="mt-3">
        <Link href={`/playlists/${playlistId}`}>
          <PencilIcon aria-hidden="true" />
          Open in editor
        </Link>
      </Button>
    );
  if (tracks.length === 0) return null;
  return (
    <div className="mt-3 flex flex-col items-start gap-1">
      <Button type="button" size="sm" variant="outline" disabled={keep.isPending} onClick={() => keep.mutate()}>
        <PencilIcon aria-hidden="true" />
        {keep.isPending ? "Opening…" : "Open in editor"}
      </Button>
      {keep.error ? (
        <p role="alert" className="text-sm text-destructive">
          {keep.error.message}
        </p>
      ) : null}
    </div>
  );
}
