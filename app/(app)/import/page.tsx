import { UploadIcon } from "lucide-react";
import type { Metadata } from "next";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";

export const metadata: Metadata = { title: "Import" };

export default function ImportPage() {
  return (
    <>
      <PageHeader title="Import" description="Bring in the streaming history Spotify sent you." />
      <EmptyState Icon={UploadIcon} title="Importing is not available yet">
        <p>
          Meanwhile, request your data: in Spotify&rsquo;s account privacy settings, tick{" "}
          <strong>Extended streaming history</strong> and confirm the email. Spotify usually sends it within a few days,
          as a zip file you will drop here.
        </p>
      </EmptyState>
    </>
  );
}
