import { BarChart3Icon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { DemoPreparing } from "@/components/insights/demo-preparing";
import { DashboardView } from "@/components/insights/dashboard-view";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { dashboardFor } from "@/lib/insights";
import { readDashboardParams, toDashboardQuery } from "@/lib/insights/client";
import { demoPreparing } from "@/lib/ingest";
import { finishDemoHistory } from "../../demo-history";
import { currentListener } from "@/lib/listener";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({ searchParams }: PageProps<"/dashboard">) {
  const listener = await currentListener();
  if (!listener) redirect("/sign-in");
  const preparing = await demoPreparing(listener);
  if (preparing) {
    after(finishDemoHistory);
    return (
      <>
        <PageHeader title="Dashboard" description="Your listening at a glance: top music, habits and streaks." />
        <DemoPreparing {...preparing} />
      </>
    );
  }
  const params = readDashboardParams(await searchParams);
  const data = await dashboardFor(listener, toDashboardQuery(params));

  if (!data.hasPlays) {
    return (
      <>
        <PageHeader title="Dashboard" description="Your listening at a glance: top music, habits and streaks." />
        <EmptyState
          Icon={BarChart3Icon}
          title="No listening history yet"
          actions={
            <>
              <Button asChild>
                <Link href="/import">Import your Spotify history</Link>
              </Button>
              <Button asChild variant="outline">
                <Link href="/settings">Connect Spotify</Link>
              </Button>
            </>
          }
        >
          <p>
            Insights appear here once plays arrive. Import the streaming history Spotify sent you to see every year at once, or keep
            EchoTune connected and your recent plays arrive on their own.
          </p>
        </EmptyState>
      </>
    );
  }

  // Rendered here from the URL: the widgets are server components, and only their controls
  // (range picker, toggles, data tables) hydrate, each with just what it draws.
  return (
    <>
      <PageHeader title="Dashboard" description="Your listening at a glance: top music, habits and streaks." />
      <DashboardView data={data} params={params} />
    </>
  );
}
