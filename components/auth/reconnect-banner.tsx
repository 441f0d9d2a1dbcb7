import { UnplugIcon } from "lucide-react";
import { signInWithSpotify } from "@/lib/auth/actions";
import { SubmitButton } from "./submit-button";

/** Spotify refused our refresh token (revoked, or the six-month expiry): one click to reconnect. */
export function ReconnectBanner() {
  return (
    <div
      role="alert"
      data-testid="reconnect-banner"
      className="mb-6 flex flex-col gap-3 rounded-lg border border-amber-500/40 bg-amber-500/10 p-4 sm:flex-row sm:items-center"
    >
      <UnplugIcon className="size-5 shrink-0" aria-hidden="true" />
      <p className="flex-1 text-sm">
        <strong>Spotify disconnected EchoTune.</strong> Your history here is safe, but new plays will not sync and playlists cannot be saved
        until you reconnect.
      </p>
      <form action={signInWithSpotify}>
        <input type="hidden" name="callbackUrl" value="/dashboard" />
        <SubmitButton size="sm" pendingLabel="Opening Spotify…" data-testid="reconnect">
          Reconnect Spotify
        </SubmitButton>
      </form>
    </div>
  );
}
