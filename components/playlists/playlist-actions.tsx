import { ExternalLinkIcon } from "lucide-react";
import type { PlaylistData } from "@/lib/playlists/client";

/**
 * What can be done with a playlist beyond editing it, shown in the editor's header: the link to its
 * copy on Spotify once saved. (Saving and playback controls live here too, from the Spotify work.)
 */
export function PlaylistActions({ playlist }: { playlist: PlaylistData }) {
  const url = playlist.spotify?.url;
  if (!url) return null;
  return (
    <a
      href={url}
      target="_blank"
      rel="noreferrer"
      className="inline-flex items-center gap-1.5 text-sm font-medium underline underline-offset-2"
      data-testid="spotify-link"
    >
      Saved to Spotify
      <ExternalLinkIcon aria-hidden="true" className="size-3.5" />
      <span className="sr-only">(opens Spotify)</span>
    </a>
  );
}
