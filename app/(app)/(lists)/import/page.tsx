import type { Metadata } from "next";
import { ImportClient } from "@/components/import/import-client";
import { PageHeader } from "@/components/layout/page-header";

export const metadata: Metadata = { title: "Import" };

export default function ImportPage() {
  return (
    <>
      <PageHeader title="Import" description="Bring in the streaming history Spotify sent you." />
      <ImportClient />
      <section aria-labelledby="how-to-get" className="mt-10 max-w-2xl text-sm text-muted-foreground">
        <h2 id="how-to-get" className="font-medium text-foreground">
          Where do I get the files?
        </h2>
        <p className="mt-2">
          In Spotify&rsquo;s account privacy settings, tick <strong>Extended streaming history</strong> (your whole history) and confirm the
          email. Spotify sends a zip within days, sometimes a few weeks. The <strong>Account data</strong> package works too, but covers
          only the last year, without track ids.
        </p>
      </section>
    </>
  );
}
