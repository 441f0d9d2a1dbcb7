"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { LogOutIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { AlertDialog } from "radix-ui";
import { Button, buttonVariants } from "@/components/ui/button";
import { blendMutations, blendQueries } from "@/lib/blend/client";

/**
 * Leaving, behind a confirmation that says what happens: the Blend ends for both, its playlist
 * here is deleted for both, and a copy already saved to Spotify stays on Spotify.
 */
export function LeaveBlend({ id, partnerName }: { id: string; partnerName: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const leave = useMutation({
    ...blendMutations.leave(id),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: [...blendQueries.all, "view", id] });
      await queryClient.invalidateQueries({ queryKey: blendQueries.list().queryKey });
      router.push("/blend");
    },
  });
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger asChild>
        <Button type="button" variant="outline">
          <LogOutIcon aria-hidden="true" />
          Leave Blend
        </Button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-50 bg-black/50" />
        <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 flex w-[min(28rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 flex-col gap-3 rounded-xl border bg-background p-6 shadow-lg outline-none">
          <AlertDialog.Title className="text-lg font-semibold">Leave your Blend with {partnerName}?</AlertDialog.Title>
          <AlertDialog.Description asChild>
            <div className="space-y-2 text-sm text-muted-foreground">
              <p>The Blend ends for both of you: the match and the Blend playlist here are deleted for you and for {partnerName}.</p>
              <p>A copy you already saved to Spotify stays on Spotify; remove it there if you want it gone.</p>
            </div>
          </AlertDialog.Description>
          {leave.error ? (
            <p role="alert" className="text-sm text-destructive">
              {leave.error.message}
            </p>
          ) : null}
          <div className="mt-2 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <AlertDialog.Cancel className={buttonVariants({ variant: "outline" })}>Stay in the Blend</AlertDialog.Cancel>
            <Button type="button" variant="destructive" disabled={leave.isPending} onClick={() => leave.mutate()}>
              {leave.isPending ? "Leaving…" : "Leave for both of us"}
            </Button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
