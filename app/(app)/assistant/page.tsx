import { MessageCircleIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";

export const metadata: Metadata = { title: "Assistant" };

export default function AssistantPage() {
  return (
    <>
      <PageHeader title="Assistant" description="Ask about your listening, get suggestions and build playlists in a chat." />
      <EmptyState
        Icon={MessageCircleIcon}
        title="The assistant is not available yet"
        actions={
          <Button asChild variant="outline">
            <Link href="/dashboard">Back to the dashboard</Link>
          </Button>
        }
      >
        <p>
          Chat is coming in a later release. It will answer from your own plays, for example &ldquo;what did I play most
          last winter?&rdquo;, and build playlists you can save to Spotify.
        </p>
      </EmptyState>
    </>
  );
}
