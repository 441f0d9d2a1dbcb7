import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { FeedbackSettings } from "@/components/discover/feedback-settings";
import { PageHeader } from "@/components/layout/page-header";
import { ThemeChoice } from "@/components/layout/theme-choice";
import { AccountCard } from "@/components/settings/account-card";
import { DiscoverSettings } from "@/components/settings/discover-settings";
import { ListeningSettings } from "@/components/settings/listening-settings";
import { YourDataCard } from "@/components/settings/your-data-card";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { appVersion, backendModes, type BackendMode } from "@/lib/health";
import { currentListener, settingsViewOf, spotifyConnectionOf } from "@/lib/listener";
import { readsDemoHistory } from "@/lib/listening";
import { listFeedback } from "@/lib/reco";
import { recoQueries } from "@/lib/reco/client";

export const metadata: Metadata = { title: "Settings" };

const backendLabels = {
  store: "Data store",
  cache: "Cache and rate limits",
  signIn: "Sign-in",
  spotify: "Spotify data",
  assistant: "Assistant model",
} as const;

const modeLabels: Record<BackendMode, string> = {
  embedded: "Built in",
  demo: "Demo",
  configured: "Connected service",
};

export default async function SettingsPage() {
  const modes = backendModes();
  const listener = await currentListener();
  const demoHistory = listener ? await readsDemoHistory(listener) : false;
  const connection = listener ? await spotifyConnectionOf(listener) : null;
  const opinions = new QueryClient();
  if (listener) opinions.setQueryData(recoQueries.feedback().queryKey, await listFeedback(listener));
  return (
    <>
      <PageHeader
        title="Settings"
        description="How EchoTune counts your listening, what Discover picks, how it looks and what it runs on."
      />
      <div className="grid gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Appearance</CardTitle>
            <CardDescription>Saved in this browser. System follows your device.</CardDescription>
          </CardHeader>
          <CardContent>
            <ThemeChoice />
          </CardContent>
        </Card>
        {listener && connection ? (
          <>
            <Card>
              <CardHeader>
                <CardTitle>Listening</CardTitle>
                <CardDescription>How your plays are counted, on every page and in the assistant&apos;s answers.</CardDescription>
              </CardHeader>
              <CardContent>
                <ListeningSettings initial={settingsViewOf(listener.settings)} />
              </CardContent>
            </Card>
            <Card>
              <CardHeader>
                <CardTitle>Discover</CardTitle>
                <CardDescription>What recommendations may include, on Discover and in the assistant.</CardDescription>
              </CardHeader>
              <CardContent>
                <DiscoverSettings initial={settingsViewOf(listener.settings)} />
              </CardContent>
            </Card>
            <AccountCard listener={listener} demoHistory={demoHistory} connection={connection} />
            <YourDataCard spotify={!listener.isDemo} />
          </>
        ) : null}
        {listener ? (
          <Card>
            <CardHeader>
              <CardTitle>Likes and blocked artists</CardTitle>
              <CardDescription>What you told Discover. Undo any of it here; the next picks follow.</CardDescription>
            </CardHeader>
            <CardContent>
              <HydrationBoundary state={dehydrate(opinions)}>
                <FeedbackSettings timeZone={listener.settings.timeZone} />
              </HydrationBoundary>
            </CardContent>
          </Card>
        ) : null}
        <Card>
          <CardHeader>
            <CardTitle>About this instance</CardTitle>
            <CardDescription>Version {appVersion()}</CardDescription>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
              {Object.entries(backendLabels).map(([key, label]) => (
                <div key={key} className="contents">
                  <dt className="text-muted-foreground">{label}</dt>
                  <dd data-testid={`mode-${key}`}>{modeLabels[modes[key as keyof typeof modes]]}</dd>
                </div>
              ))}
            </dl>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
