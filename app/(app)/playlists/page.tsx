import { ListMusicIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";

export const metadata: Metadata = { title: "Playlists" };

export default function PlaylistsPage() {
  return (
    <>
      <PageHeader title="Playlists" description="Playlists you build here, ready to save to Spotify." />
      <EmptyState
        Icon={ListMusicIcon}
        title="No playlists yet"
        actions={
          <Button asChild variant="outline">
            <Link href="/discover">Find music in Discover</Link>
          </Button>
        }
      >
        <p>Playlists you draft from Discover or with the assistant are kept here, with every version you saved.</p>
      </EmptyState>
    </>
  );
}
