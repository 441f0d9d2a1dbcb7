import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { NewFromPrompt } from "@/components/playlists/new-from-prompt";
import { PlaylistList } from "@/components/playlists/playlist-list";
import { currentListener } from "@/lib/listener";
import { listPlaylists } from "@/lib/playlists";
import { asJson, playlistQueries } from "@/lib/playlists/client";

export const metadata: Metadata = { title: "Playlists" };

export default async function PlaylistsPage() {
  const listener = await currentListener();
  if (!listener) redirect("/sign-in");
  const queryClient = new QueryClient();
  queryClient.setQueryData(playlistQueries.list().queryKey, asJson(await listPlaylists(listener)));
  return (
    <>
      <PageHeader title="Playlists" description="Playlists you build here, with every version kept, ready to save to Spotify." />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <div className="flex flex-col gap-6">
          <NewFromPrompt />
          <PlaylistList />
        </div>
      </HydrationBoundary>
    </>
  );
}
