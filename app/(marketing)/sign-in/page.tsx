import { AlertCircleIcon } from "lucide-react";
import type { Metadata } from "next";
import { DemoSignInForm, SpotifySignInForm } from "@/components/auth/sign-in-buttons";
import { demoEnabled, env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

/** Auth.js error codes (and ours) in words that say what happened and what to do. */
const errorMessages: Record<string, string> = {
  AccessDenied: "You declined access on Spotify, so nothing was connected. Continue with Spotify again whenever you like, or try the demo.",
  OAuthCallbackError: "Spotify did not complete the sign-in. Please try again.",
  Configuration: "Sign-in is not working on this server right now. Please try again in a moment, or try the demo.",
  DemoDisabled: "The demo is turned off here. Continue with Spotify instead.",
  SpotifyNotConfigured: "Spotify sign-in is not set up on this server. Try the demo instead.",
  SessionExpired: "Your Spotify connection expired. Continue with Spotify to reconnect.",
};

function safeCallback(value: string | string[] | undefined): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") ? value : "/dashboard";
}

export default async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  const params = await searchParams;
  const error = typeof params.error === "string" ? params.error : undefined;
  const callbackUrl = safeCallback(params.callbackUrl);
  const spotify = Boolean(env.AUTH_SPOTIFY_ID);
  const demo = demoEnabled();
  return (
    <div className="mx-auto flex max-w-md flex-col gap-6 px-4 py-16 sm:py-24">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight">Sign in to EchoTune</h1>
        <p className="mt-2 text-muted-foreground">
          {spotify
            ? "Connect your Spotify account to sync your plays and save playlists, or look around with the demo first."
            : "Explore EchoTune with a demo listener and years of listening history. No account needed."}
        </p>
      </div>
      {error ? (
        <div
          role="alert"
          data-testid="sign-in-error"
          className="flex gap-3 rounded-lg border border-destructive/40 bg-destructive/10 p-4 text-sm"
        >
          <AlertCircleIcon className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden="true" />
          <p>{errorMessages[error] ?? errorMessages.OAuthCallbackError}</p>
        </div>
      ) : null}
      <div className="flex flex-col gap-3">
        {spotify ? <SpotifySignInForm callbackUrl={callbackUrl} /> : null}
        {demo ? <DemoSignInForm callbackUrl={callbackUrl} variant={spotify ? "outline" : "default"} /> : null}
      </div>
      <p className="text-xs text-muted-foreground">
        EchoTune reads your listening history, top items and playlists, and only changes your library or playlists when you ask it to. Your
        Spotify tokens stay on our server.
      </p>
    </div>
  );
}
