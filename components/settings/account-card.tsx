import { signInWithSpotify } from "@/lib/auth/actions";
import { formatClockTime, formatInstant } from "@/components/insights/format";
import { SubmitButton } from "@/components/auth/submit-button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ListenerProfile, SpotifyConnection } from "@/lib/listener";
import { DisconnectSpotify } from "./disconnect-spotify";

/**
 * Settings' "Account" card: who the listener is and their Spotify connection. A Spotify listener
 * sees "Connected to Spotify as …" with Disconnect (or Reconnect when Spotify refused our tokens,
 * or they disconnected in another browser); a demo visitor sees that the demo touches no Spotify
 * account and what to do to connect one.
 */
export function AccountCard({
  listener,
  demoHistory,
  connection,
}: {
  listener: ListenerProfile;
  demoHistory: boolean;
  connection: SpotifyConnection;
}) {
  const zone = listener.settings.timeZone;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Account</CardTitle>
        <CardDescription data-testid="account-description">
          {listener.isDemo
            ? demoHistory
              ? "You are exploring as the demo listener, with eight years of generated history up to yesterday (a new one each day). Nothing you do here touches a Spotify account."
              : "You are exploring as a demo listener, with the history you imported. Nothing you do here touches a Spotify account."
            : `Signed in with Spotify as ${listener.displayName}. Your tokens stay on our server.`}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4 text-sm" data-testid="spotify-connection" data-status={connection.status}>
        {listener.isDemo ? (
          <p className="text-muted-foreground">
            There is no Spotify account to connect or disconnect in the demo. To see your own listening, sign out and continue with Spotify,
            or import the history Spotify sends you on the Import page.
          </p>
        ) : connection.status === "active" ? (
          <>
            <p>
              <span className="font-medium">Connected to Spotify as {listener.displayName}</span>
              {connection.spotifyId ? <span className="text-muted-foreground"> ({connection.spotifyId})</span> : null}.{" "}
              <span className="text-muted-foreground">
                {connection.lastSyncAt
                  ? `Recent plays last synced ${formatInstant(Date.parse(connection.lastSyncAt), zone)} at ${formatClockTime(Date.parse(connection.lastSyncAt), zone)}.`
                  : "Recent plays sync every 15 minutes."}
              </span>
            </p>
            <SyncState connection={connection} zone={zone} />
            <DisconnectSpotify />
          </>
        ) : (
          <>
            <p>
              <span className="font-medium">
                {connection.status === "reconnect_required" ? "Spotify needs you to reconnect." : "Spotify is not connected."}
              </span>{" "}
              <span className="text-muted-foreground">
                Your history here is safe; new plays do not sync and playlists cannot be saved until you connect again.
              </span>
            </p>
            <form action={signInWithSpotify}>
              <input type="hidden" name="callbackUrl" value="/settings" />
              <SubmitButton variant="outline" pendingLabel="Opening Spotify…" data-testid="connect-spotify">
                Connect Spotify
              </SubmitButton>
            </form>
          </>
        )}
      </CardContent>
    </Card>
  );
}

/**
 * Spotify slowing us down or failing is a pause, not an error: the listener reads that syncing
 * waits or retries by itself and that nothing is lost, never that plays are missing.
 */
function SyncState({ connection, zone }: { connection: SpotifyConnection; zone: string }) {
  const at = (iso: string) => `${formatInstant(Date.parse(iso), zone)} at ${formatClockTime(Date.parse(iso), zone)}`;
  if (connection.pausedUntil)
    return (
      <p role="status" data-testid="spotify-sync-state" data-state="paused">
        <span className="font-medium">Sync paused.</span>{" "}
        <span className="text-muted-foreground">
          Spotify asked EchoTune to slow down until {at(connection.pausedUntil)}. Syncing and song matching resume by themselves then;
          nothing is lost.
        </span>
      </p>
    );
  if (connection.syncFailedAt)
    return (
      <p role="status" data-testid="spotify-sync-state" data-state="retrying">
        <span className="font-medium">Retrying sync.</span>{" "}
        <span className="text-muted-foreground">
          Spotify didn&apos;t answer when EchoTune last synced ({at(connection.syncFailedAt)}). The next sync tries again by itself; nothing
          is lost.
        </span>
      </p>
    );
  return null;
}
