import { BarChart3Icon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";

export const metadata: Metadata = { title: "Dashboard" };

export default function DashboardPage() {
  return (
    <>
      <PageHeader title="Dashboard" description="Your listening at a glance: top music, habits and streaks." />
      <EmptyState
        Icon={BarChart3Icon}
        title="No listening history yet"
        actions={
          <Button asChild>
            <Link href="/import">Import your Spotify history</Link>
          </Button>
        }
      >
        <p>
          Insights appear here once plays arrive. Import the streaming history Spotify sent you to see every year at
          once.
        </p>
      </EmptyState>
    </>
  );
}
