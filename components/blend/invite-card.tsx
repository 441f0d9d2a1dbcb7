"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CheckIcon, CopyIcon, LinkIcon } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { blendMutations, blendQueries, type InviteCreated } from "@/lib/blend/client";

const formatDate = (iso: string) => new Date(iso).toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" });

/**
 * Makes an invite link and shows it once, with a copy button: only its hash is kept, so a lost
 * link is replaced by a new one rather than shown again.
 */
export function InviteCard() {
  const queryClient = useQueryClient();
  const create = useMutation({
    ...blendMutations.createInvite(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: blendQueries.list().queryKey }),
  });
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const inputId = useId();
  const invite: InviteCreated | undefined = create.data;

  const copy = async () => {
    if (!invite) return;
    try {
      await navigator.clipboard.writeText(invite.url);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  };

  return (
    <section aria-labelledby="invite-heading" className="rounded-xl border bg-card p-4 sm:p-6">
      <h2 id="invite-heading" className="font-semibold">
        Invite someone
      </h2>
      <p className="mt-1 text-sm text-muted-foreground">
        Send a link to another listener of EchoTune. It works once, for 7 days. When they accept, you both see how your tastes match and get
        a playlist drawn from both your histories.
      </p>
      {invite ? (
        <div className="mt-4 flex flex-col gap-2">
          <label htmlFor={inputId} className="text-sm font-medium">
            Your invite link (shown only now: copy it)
          </label>
          <div className="flex flex-col gap-2 sm:flex-row">
            <input
              id={inputId}
              readOnly
              value={invite.url}
              data-testid="invite-link"
              onFocus={(event) => event.currentTarget.select()}
              className="h-10 min-w-0 flex-1 rounded-md border bg-background px-3 font-mono text-sm"
            />
            <Button type="button" onClick={copy}>
              {copied === "yes" ? <CheckIcon aria-hidden="true" /> : <CopyIcon aria-hidden="true" />}
              {copied === "yes" ? "Copied" : "Copy link"}
            </Button>
          </div>
          <p className="text-sm text-muted-foreground" aria-live="polite">
            {copied === "failed"
              ? "Copying did not work here: select the link and copy it yourself."
              : `Expires on ${formatDate(invite.expiresAt)}.`}
          </p>
        </div>
      ) : null}
      {create.error ? (
        <p role="alert" className="mt-3 text-sm text-destructive">
          {create.error.message}
        </p>
      ) : null}
      <Button
        type="button"
        variant={invite ? "outline" : "default"}
        className="mt-4"
        disabled={create.isPending}
        onClick={() => {
          setCopied(null);
          create.mutate();
        }}
      >
        <LinkIcon aria-hidden="true" />
        {create.isPending ? "Making a link…" : invite ? "Make another link" : "Create invite link"}
      </Button>
    </section>
  );
}
