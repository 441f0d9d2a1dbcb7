"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { blendMutations, blendQueries, type InvitePreview } from "@/lib/blend/client";
import { PrivacyNote } from "./privacy-note";

const formatDate = (iso: string) => new Date(iso).toLocaleDateString(undefined, { day: "numeric", month: "long", year: "numeric" });

/** Why an invite cannot be accepted, and what to do instead. */
const REFUSALS: Record<Exclude<InvitePreview["state"], "open">, (name: string) => string> = {
  expired: (name) => `This invite has expired. Ask ${name} for a new link.`,
  used: (name) => `This invite has been used already: a link works for one listener. Ask ${name} for a new one.`,
  own: () => "This is your own invite. Send the link to the listener you want to blend with.",
  already: (name) => `You and ${name} already have a Blend.`,
  member: () => "You accepted this invite already.",
};

/** An invite as its recipient sees it: who sent it, what a Blend shares, and accept or decline. */
export function JoinInvite({ token, preview }: { token: string; preview: InvitePreview }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const accept = useMutation({
    ...blendMutations.accept(token),
    onSuccess: async ({ id }) => {
      await queryClient.invalidateQueries({ queryKey: blendQueries.list().queryKey });
      router.push(`/blend/${id}`);
    },
  });
  const decline = useMutation({ ...blendMutations.decline(token) });
  const name = preview.inviterName;

  if (decline.isSuccess) {
    return (
      <div className="flex flex-col gap-4" role="status">
        <p>You declined the invite. {name} will not see it any more, and nothing of yours was shared.</p>
        <Button asChild variant="outline" className="self-start">
          <Link href="/blend">Go to Blend</Link>
        </Button>
      </div>
    );
  }

  if (preview.state !== "open") {
    return (
      <div className="flex flex-col gap-4">
        <p data-testid="invite-state" data-state={preview.state}>
          {REFUSALS[preview.state](name)}
        </p>
        <Button asChild variant="outline" className="self-start">
          <Link href={preview.blendId ? `/blend/${preview.blendId}` : "/blend"}>{preview.blendId ? "Open the Blend" : "Go to Blend"}</Link>
        </Button>
      </div>
    );
  }

  const busy = accept.isPending || decline.isPending || accept.isSuccess;
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <section aria-labelledby="join-heading" className="flex h-fit flex-col gap-4 rounded-xl border bg-card p-4 sm:p-6">
        <h2 id="join-heading" className="text-lg font-semibold">
          {name} invited you to a Blend
        </h2>
        <p className="text-sm text-muted-foreground">
          If you accept, you both see how your tastes match over the last 4 weeks, 6 months and all time, and each get a playlist of about
          50 tracks drawn from both your histories, saved with your playlists. {name} sees the same about you: nothing more.
          {preview.expiresAt ? ` The invite works until ${formatDate(preview.expiresAt)}.` : ""}
        </p>
        {accept.error || decline.error ? (
          <p role="alert" className="text-sm text-destructive">
            {(accept.error ?? decline.error)?.message}
          </p>
        ) : null}
        <div className="flex flex-col gap-2 sm:flex-row">
          <Button type="button" disabled={busy} onClick={() => accept.mutate()}>
            {accept.isPending || accept.isSuccess ? "Blending…" : `Accept and blend with ${name}`}
          </Button>
          <Button type="button" variant="outline" disabled={busy} onClick={() => decline.mutate()}>
            {decline.isPending ? "Declining…" : "Decline"}
          </Button>
        </div>
      </section>
      <PrivacyNote otherName={name} />
    </div>
  );
}
