import { CompassIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";

export const metadata: Metadata = { title: "Discover" };

export default function DiscoverPage() {
  return (
    <>
      <PageHeader title="Discover" description="Recommendations from our own engine, each with the reason it was picked." />
      <EmptyState
        Icon={CompassIcon}
        title="Recommendations need your history"
        actions={
          <Button asChild variant="outline">
            <Link href="/import">Import your history</Link>
          </Button>
        }
      >
        <p>
          Picks are built from what you actually played: forgotten favourites, tracks you pair in the same sessions and
          artists you have not fully explored. They appear here once your plays are in.
        </p>
      </EmptyState>
    </>
  );
}
