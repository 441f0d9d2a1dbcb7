import { PlayIcon } from "lucide-react";
import { signInWithDemo, signInWithSpotify } from "@/lib/auth/actions";
import { SubmitButton } from "./submit-button";

export function SpotifyMark() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" className="size-5">
      <circle cx="12" cy="12" r="12" fill="currentColor" opacity="0.15" />
      <path
        d="M6.5 9.5c3.8-1.2 7.8-.9 11 1M7.2 12.6c3.1-.9 6.3-.6 8.9.9M7.8 15.5c2.4-.6 4.8-.4 6.8.7"
        stroke="currentColor"
        strokeWidth="1.7"
        fill="none"
        strokeLinecap="round"
      />
    </svg>
  );
}

export function SpotifySignInForm({ callbackUrl, label = "Continue with Spotify" }: { callbackUrl?: string; label?: string }) {
  return (
    <form action={signInWithSpotify}>
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/dashboard"} />
      <SubmitButton size="lg" className="w-full" pendingLabel="Opening Spotify…" data-testid="sign-in-spotify">
        <SpotifyMark />
        {label}
      </SubmitButton>
    </form>
  );
}

export function DemoSignInForm({
  callbackUrl,
  label = "Try the demo",
  variant = "outline",
  className,
}: {
  callbackUrl?: string;
  label?: string;
  variant?: "default" | "outline";
  className?: string;
}) {
  return (
    <form action={signInWithDemo} className={className}>
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/dashboard"} />
      <SubmitButton size="lg" variant={variant} className="w-full" pendingLabel="Starting the demo…" data-testid="sign-in-demo">
        <PlayIcon aria-hidden="true" />
        {label}
      </SubmitButton>
    </form>
  );
}
