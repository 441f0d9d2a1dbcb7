import { CalendarHeartIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { DemoPreparing } from "@/components/insights/demo-preparing";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { recapYearsFor } from "@/lib/insights";
import { demoPreparing } from "@/lib/ingest";
import { finishDemoHistory } from "../demo-history";
import { currentListener } from "@/lib/listener";

export const metadata: Metadata = { title: "Your year in music" };

/** The newest year with plays, or how to get some. */
export default async function RecapIndexPage() {
  const listener = await currentListener();
  if (!listener) redirect("/sign-in");
  const preparing = await demoPreparing(listener);
  if (preparing) {
    after(finishDemoHistory);
    return (
      <>
        <PageHeader title="Your year in music" />
        <DemoPreparing {...preparing} />
      </>
    );
  }
  const years = await recapYearsFor(listener);
  if (years[0] !== undefined) redirect(`/recap/${years[0]}`);
  return (
    <>
      <PageHeader title="Your year in music" />
      <EmptyState
        Icon={CalendarHeartIcon}
        title="No year to look back on yet"
        actions={
          <Button asChild>
            <Link href="/import">Import your Spotify history</Link>
          </Button>
        }
      >
        <p>Import the history Spotify sent you and every year you listened gets its own recap.</p>
      </EmptyState>
    </>
  );
}
