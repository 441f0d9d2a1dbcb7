"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { BlendIcon, SparklesIcon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { EmptyState } from "@/components/layout/empty-state";
import { Button } from "@/components/ui/button";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { blendMutations, blendQueries, type BlendSummary, type DemoFriendSummary } from "@/lib/blend/client";
import { InviteCard } from "./invite-card";
import { PrivacyNote } from "./privacy-note";

const formatDate = (iso: string) => new Date(iso).toLocaleDateString(undefined, { day: "numeric", month: "short" });

/** The Blend page: invite someone, the listener's Blends and open invites, and the demo friends. */
export function BlendHome() {
  const list = useQuery(blendQueries.list());
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="flex min-w-0 flex-col gap-6">
        <section aria-labelledby="blends-heading">
          <h2 id="blends-heading" className="mb-3 font-semibold">
            Your Blends
          </h2>
          <QueryError error={list.error} onRetry={() => void list.refetch()} className="mb-3" />
          {list.isPending ? (
            <div role="status" className="flex flex-col gap-2">
              <span className="sr-only">Loading your Blends…</span>
              <Skeleton className="h-16 w-full rounded-xl" />
              <Skeleton className="h-16 w-full rounded-xl" />
            </div>
          ) : list.data && list.data.blends.length > 0 ? (
            <ul className="flex flex-col gap-2" data-testid="blend-list">
              {list.data.blends.map((blend) => (
                <BlendRow key={blend.id} blend={blend} />
              ))}
            </ul>
          ) : list.data ? (
            <EmptyState Icon={BlendIcon} title="No Blends yet">
              <p>
                Invite someone with a link{list.data.friends.length > 0 ? ", or blend with one of the demo friends," : ""} to compare your
                taste and share a playlist drawn from both your histories.
              </p>
            </EmptyState>
          ) : null}
        </section>
        {list.data && list.data.friends.length > 0 ? <DemoFriends friends={list.data.friends} /> : null}
      </div>
      <div className="flex flex-col gap-6">
        <InviteCard />
        <PrivacyNote />
      </div>
    </div>
  );
}

function BlendRow({ blend }: { blend: BlendSummary }) {
  const queryClient = useQueryClient();
  const withdraw = useMutation({
    ...blendMutations.leave(blend.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: blendQueries.list().queryKey }),
  });
  if (blend.status === "invited") {
    return (
      <li
        className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-dashed px-4 py-3"
        data-testid="blend-invite"
      >
        <div className="min-w-0">
          <p className="font-medium">Invite waiting</p>
          <p className="text-sm text-muted-foreground">
            Made {formatDate(blend.createdAt)}
            {blend.inviteExpiresAt ? `, works until ${formatDate(blend.inviteExpiresAt)}` : ""}. Nobody has accepted it yet.
          </p>
          {withdraw.error ? (
            <p role="alert" className="text-sm text-destructive">
              {withdraw.error.message}
            </p>
          ) : null}
        </div>
        <Button type="button" size="sm" variant="outline" disabled={withdraw.isPending} onClick={() => withdraw.mutate()}>
          {withdraw.isPending ? "Withdrawing…" : "Withdraw invite"}
        </Button>
      </li>
    );
  }
  return (
    <li>
      <Link
        href={`/blend/${blend.id}`}
        data-testid="blend-row"
        className="flex items-center justify-between gap-3 rounded-xl border bg-card px-4 py-3 outline-none hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring"
      >
        <span className="min-w-0">
          <span className="block truncate font-medium">You + {blend.partner?.name}</span>
          <span className="block text-sm text-muted-foreground">
            {blend.partner?.demoFriend ? "Demo friend · " : ""}Since {formatDate(blend.createdAt)}
          </span>
        </span>
        <span aria-hidden="true" className="text-muted-foreground">
          →
        </span>
      </Link>
    </li>
  );
}

/** Generated demo listeners a demo visitor can blend with at once. */
function DemoFriends({ friends }: { friends: DemoFriendSummary[] }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const blend = useMutation({
    ...blendMutations.withFriend(),
    onSuccess: async ({ id }) => {
      await queryClient.invalidateQueries({ queryKey: blendQueries.list().queryKey });
      router.push(`/blend/${id}`);
    },
  });
  return (
    <section aria-labelledby="friends-heading">
      <h2 id="friends-heading" className="font-semibold">
        Demo friends
      </h2>
      <p className="mt-1 mb-3 text-sm text-muted-foreground">
        Listeners generated by the demo (the same ones its recommender learns from). Blend with one at once, no invite needed.
      </p>
      {blend.error ? (
        <p role="alert" className="mb-3 text-sm text-destructive">
          {blend.error.message}
        </p>
      ) : null}
      <ul className="grid gap-3 sm:grid-cols-2">
        {friends.map((friend) => (
          <li key={friend.slug} className="flex flex-col gap-3 rounded-xl border bg-card p-4" data-testid="demo-friend">
            <div>
              <p className="font-medium">{friend.name}</p>
              <p className="text-sm text-muted-foreground">{friend.about}</p>
            </div>
            {friend.blendId ? (
              <Button asChild size="sm" variant="outline" className="self-start">
                <Link href={`/blend/${friend.blendId}`}>Open your Blend with {friend.name}</Link>
              </Button>
            ) : (
              <Button type="button" size="sm" className="self-start" disabled={blend.isPending} onClick={() => blend.mutate(friend.slug)}>
                <SparklesIcon aria-hidden="true" />
                {blend.isPending && blend.variables === friend.slug ? "Blending…" : `Blend with ${friend.name}`}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
