"use client";

import { AlertDialog } from "radix-ui";
import { useState } from "react";
import { Button, buttonVariants } from "@/components/ui/button";
import { signOutAction } from "@/lib/auth/actions";
import { ProblemError } from "@/lib/http/client";
import { disconnectSpotifyAccount } from "@/lib/listener/client";
import { cn } from "@/lib/utils";

/**
 * "Disconnect Spotify", after a confirmation that says what happens: EchoTune deletes its tokens
 * and stops syncing, the imported history stays, and the listener is signed out (EchoTune knows
 * them through Spotify; signing in again reconnects). Spotify's own grant is removed on Spotify's
 * account page, linked here, since Spotify offers apps no way to revoke it.
 */
export function DisconnectSpotify() {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState("");

  async function disconnect() {
    setPending(true);
    setError("");
    try {
      await disconnectSpotifyAccount();
      await signOutAction();
    } catch (failure) {
      // signOutAction ends in a redirect, which Next carries out itself; anything else is a real failure.
      if (failure instanceof ProblemError) {
        setError(failure.detail);
        setPending(false);
      } else throw failure;
    }
  }

  return (
    <div className="grid gap-2">
      <AlertDialog.Root open={open} onOpenChange={(next) => !pending && setOpen(next)}>
        <AlertDialog.Trigger asChild>
          <Button variant="outline" className="self-start" data-testid="disconnect-spotify">
            Disconnect Spotify
          </Button>
        </AlertDialog.Trigger>
        <AlertDialog.Portal>
          <AlertDialog.Overlay className="fixed inset-0 z-50 bg-black/50" />
          <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 grid w-[min(32rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 gap-4 rounded-xl border bg-background p-6 shadow-lg">
            <AlertDialog.Title className="text-lg font-semibold">Disconnect Spotify?</AlertDialog.Title>
            <AlertDialog.Description asChild>
              <div className="grid gap-2 text-sm text-muted-foreground">
                <p>
                  EchoTune deletes the Spotify tokens it keeps and stops syncing your recent plays. You are signed out, because EchoTune
                  knows you through Spotify.
                </p>
                <p>
                  Your imported history, likes and settings stay here: sign in with Spotify again to reconnect and find everything as you
                  left it.
                </p>
                <p>
                  To remove EchoTune from your Spotify account as well, open{" "}
                  <a
                    className="text-brand-text underline underline-offset-4"
                    href="https://www.spotify.com/account/apps/"
                    target="_blank"
                    rel="noreferrer"
                  >
                    Spotify&apos;s list of apps
                  </a>
                  .
                </p>
              </div>
            </AlertDialog.Description>
            {error ? (
              <p role="alert" className="text-sm text-destructive">
                {error}
              </p>
            ) : null}
            <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
              <AlertDialog.Cancel className={cn(buttonVariants({ variant: "outline" }))} disabled={pending}>
                Stay connected
              </AlertDialog.Cancel>
              <Button variant="destructive" onClick={() => void disconnect()} disabled={pending} data-testid="confirm-disconnect">
                {pending ? "Disconnecting…" : "Disconnect and sign out"}
              </Button>
            </div>
          </AlertDialog.Content>
        </AlertDialog.Portal>
      </AlertDialog.Root>
    </div>
  );
}
