"use client";

import { AlertDialog } from "radix-ui";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button, buttonVariants } from "@/components/ui/button";
import { ProblemError } from "@/lib/http/client";
import { DELETE_CONFIRMATION, deleteAccount } from "@/lib/privacy/client";
import { cn } from "@/lib/utils";

/**
 * "Delete my account", behind a confirmation that says what goes and asks the listener to type
 * what they mean. The server deletes everything and clears the session cookie; the page then
 * loads the home page, signed out, which says the account is gone. Failures stay in the dialog:
 * nothing was deleted, and the same button retries.
 */
export function DeleteAccount({ spotify }: { spotify: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState("");
  const inputId = useId();
  const hintId = useId();
  const confirmed = typed.trim().toLowerCase() === DELETE_CONFIRMATION;

  async function remove() {
    if (!confirmed) {
      setError(`Type “${DELETE_CONFIRMATION}” to confirm.`);
      return;
    }
    setPending(true);
    setError("");
    try {
      await deleteAccount(DELETE_CONFIRMATION);
      // The cookie is gone: the home page, then a refresh so no page of the deleted account stays cached.
      router.replace("/?account=deleted");
      router.refresh();
    } catch (failure) {
      setError(failure instanceof ProblemError ? failure.detail : "Your account could not be deleted. Nothing was removed; try again.");
      setPending(false);
    }
  }

  return (
    <AlertDialog.Root
      open={open}
      onOpenChange={(next) => {
        if (pending) return;
        setOpen(next);
        if (!next) {
          setTyped("");
          setError("");
        }
      }}
    >
      <AlertDialog.Trigger asChild>
        <Button variant="destructive" className="self-start" data-testid="delete-account">
          Delete my account
        </Button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-50 bg-black/50" />
        <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 grid w-[min(32rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 gap-4 rounded-xl border bg-background p-6 shadow-lg">
          <AlertDialog.Title className="text-lg font-semibold">Delete your account?</AlertDialog.Title>
          <AlertDialog.Description asChild>
            <div className="grid gap-2 text-sm text-muted-foreground">
              <p>
                EchoTune deletes everything it keeps about you: your plays and imports, likes, chats, playlists, Blends, shared recaps,
                settings and usage, {spotify ? "your Spotify tokens, " : ""}and every cached answer. This cannot be undone. Download your
                data first if you want a copy.
              </p>
              {spotify ? (
                <p>
                  Playlists you saved to Spotify stay on Spotify. To remove EchoTune from your Spotify account as well, open{" "}
                  <a
                    className="text-brand-text underline underline-offset-4"
                    href="https://www.spotify.com/account/apps/"
                    target="_blank"
                    rel="noreferrer"
                  >
                    Spotify&apos;s list of apps
                  </a>{" "}
                  (Spotify offers apps no way to do it for you).
                </p>
              ) : null}
            </div>
          </AlertDialog.Description>
          <form
            className="grid gap-2"
            onSubmit={(event) => {
              event.preventDefault();
              void remove();
            }}
          >
            <label htmlFor={inputId} className="text-sm font-medium">
              Type “{DELETE_CONFIRMATION}” to confirm
            </label>
            <input
              id={inputId}
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              autoComplete="off"
              spellCheck={false}
              aria-describedby={error ? hintId : undefined}
              aria-invalid={error && !confirmed ? true : undefined}
              disabled={pending}
              data-testid="delete-account-confirmation"
              className="h-10 w-full rounded-md border bg-background px-3 text-sm focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
            />
            {error ? (
              <p id={hintId} role="alert" className="text-sm text-destructive">
                {error}
              </p>
            ) : null}
            <div className="mt-2 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
              <AlertDialog.Cancel className={cn(buttonVariants({ variant: "outline" }))} disabled={pending}>
                Keep my account
              </AlertDialog.Cancel>
              <Button type="submit" variant="destructive" disabled={pending || !confirmed} data-testid="confirm-delete-account">
                {pending ? "Deleting…" : "Delete everything"}
              </Button>
            </div>
          </form>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
