import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { PlaylistEditor } from "@/components/playlists/playlist-editor";
import { currentListener } from "@/lib/listener";
import { getPlaylist, listPlaylistVersions } from "@/lib/playlists";
import { asJson, playlistQueries } from "@/lib/playlists/client";

export const metadata: Metadata = { title: "Edit playlist" };

export default async function PlaylistPage({ params }: PageProps<"/playlists/[id]">) {
  const listener = await currentListener();
  if (!listener) redirect("/sign-in");
  const { id } = await params;
  const [playlist, versions] = await Promise.all([getPlaylist(listener, id), listPlaylistVersions(listener, id)]);
  // Another listener's playlist is not found, as if it did not exist.
  if (!playlist || !versions) notFound();
  const queryClient = new QueryClient();
  queryClient.setQueryData(playlistQueries.detail(id).queryKey, asJson(playlist));
  queryClient.setQueryData(playlistQueries.versions(id).queryKey, asJson(versions));
  return (
    <>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <PlaylistEditor id={id} />
      </HydrationBoundary>
    </>
  );
}
