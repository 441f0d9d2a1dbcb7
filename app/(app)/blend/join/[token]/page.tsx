import { BlendIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { JoinInvite } from "@/components/blend/join-invite";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { previewInvite, type InvitePreview } from "@/lib/blend";
import { AppError } from "@/lib/errors";
import { currentListener } from "@/lib/listener";

export const metadata: Metadata = { title: "Join a Blend", robots: { index: false } };

const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

/** An invite link: who sent it and what accepting shares, then accept or decline. Opening it accepts nothing. */
export default async function JoinBlendPage({ params }: PageProps<"/blend/join/[token]">) {
  const listener = await currentListener();
  if (!listener) redirect("/sign-in");
  const { token } = await params;
  let preview: InvitePreview | null = null;
  if (TOKEN.test(token)) {
    try {
      preview = await previewInvite(listener, token);
    } catch (error) {
      if (!(error instanceof AppError && error.code === "not_found")) throw error;
    }
  }
  return (
    <>
      <PageHeader title="Join a Blend" />
      {preview ? (
        <JoinInvite token={token} preview={preview} />
      ) : (
        <EmptyState
          Icon={BlendIcon}
          title="This invite link does not work"
          actions={
            <Button asChild variant="outline">
              <Link href="/blend">Go to Blend</Link>
            </Button>
          }
        >
          <p>It was declined or withdrawn, or the address is incomplete. Ask the listener who sent it for a new link.</p>
        </EmptyState>
      )}
    </>
  );
}
