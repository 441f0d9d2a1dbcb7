import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { BlendHome } from "@/components/blend/blend-home";
import { PageHeader } from "@/components/layout/page-header";
import { listBlends } from "@/lib/blend";
import { blendQueries } from "@/lib/blend/client";
import { currentListener } from "@/lib/listener";

export const metadata: Metadata = { title: "Blend" };

export default async function BlendPage() {
  const listener = await currentListener();
  if (!listener) redirect("/sign-in");
  const queryClient = new QueryClient();
  queryClient.setQueryData(blendQueries.list().queryKey, await listBlends(listener));
  return (
    <>
      <PageHeader
        title="Blend"
        description="Compare your taste with another listener and share a playlist drawn from both your histories."
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <BlendHome />
      </HydrationBoundary>
    </>
  );
}
