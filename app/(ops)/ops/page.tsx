import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { OpsView } from "@/components/ops/ops-view";
import { currentOpsViewer, opsSnapshot } from "@/lib/ops";
import { DEFAULT_OPS_HOURS, opsQueries } from "@/lib/ops/client";

export const metadata: Metadata = { title: "Operations", robots: { index: false } };

/** Health, jobs, traffic, AI cost, models and alerts; the layout has already answered 404 to anyone else. */
export default async function OpsPage() {
  const viewer = await currentOpsViewer();
  if (!viewer) notFound();
  const queryClient = new QueryClient();
  const snapshot = await opsSnapshot(viewer, { hours: DEFAULT_OPS_HOURS });
  queryClient.setQueryData(opsQueries.snapshot(DEFAULT_OPS_HOURS).queryKey, snapshot);
  return (
    <>
      <PageHeader
        title="Operations"
        description={
          viewer.role === "operator"
            ? "Health, background jobs, traffic, AI cost, models and alerts, refreshed every few seconds."
            : "Your demo instance: its jobs, AI usage and the models serving you."
        }
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <OpsView initialHours={DEFAULT_OPS_HOURS} />
      </HydrationBoundary>
    </>
  );
}
