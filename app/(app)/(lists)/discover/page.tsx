import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { CompassIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { DemoPreparing } from "@/components/insights/demo-preparing";
import { DiscoverView } from "@/components/discover/discover-view";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { demoPreparing } from "@/lib/ingest";
import { listenerIndex } from "@/lib/listening";
import { finishDemoHistory } from "../../demo-history";
import { currentListener } from "@/lib/listener";
import { getDiscoverDraft } from "@/lib/playlists";
import { asJson, playlistQueries } from "@/lib/playlists/client";
import { listFeedback, recommendationsFor } from "@/lib/reco";
import { readDiscoverParams, recoApiQuery, recoQueries } from "@/lib/reco/client";
import { recommendationsQuery } from "@/app/api/recommendations/schema";

export const metadata: Metadata = { title: "Discover" };

export default async function DiscoverPage({ searchParams }: PageProps<"/discover">) {
  const listener = await currentListener();
  if (!listener) redirect("/sign-in");
  const header = <PageHeader title="Discover" description="Recommendations from our own engine, each with the reason it was picked." />;
  const preparing = await demoPreparing(listener);
  if (preparing) {
    after(finishDemoHistory);
    return (
      <>
        {header}
        <DemoPreparing {...preparing} />
      </>
    );
  }
  const index = await listenerIndex(listener);
  if (index.count === 0) {
    return (
      <>
        {header}
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
            Picks are built from what you actually played: forgotten favourites, tracks you pair in the same sessions and artists you have
            not fully explored. They appear here once your plays are in.
          </p>
        </EmptyState>
      </>
    );
  }
  const params = readDiscoverParams(await searchParams);
  const queryClient = new QueryClient();
  // The same validation as GET /api/recommendations: a mix the API refuses is left to the browser,
  // which shows the API's problem and a retry rather than failing the page.
  const apiQuery = recommendationsQuery.safeParse(recoApiQuery(params));
  const [picks, feedback, draft] = await Promise.all([
    apiQuery.success ? recommendationsFor(listener, apiQuery.data) : null,
    listFeedback(listener),
    getDiscoverDraft(listener),
  ]);
  if (picks) queryClient.setQueryData(recoQueries.recommendations(params).queryKey, picks);
  queryClient.setQueryData(recoQueries.feedback().queryKey, feedback);
  queryClient.setQueryData(playlistQueries.discoverDraft().queryKey, draft ? asJson(draft) : null);
  return (
    <>
      {header}
      <HydrationBoundary state={dehydrate(queryClient)}>
        <DiscoverView catalogue={listener.isDemo ? "demo" : "spotify"} />
      </HydrationBoundary>
    </>
  );
}
