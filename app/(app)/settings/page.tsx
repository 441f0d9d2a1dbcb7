import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { FeedbackSettings } from "@/components/discover/feedback-settings";
import { PageHeader } from "@/components/layout/page-header";
import { ThemeChoice } from "@/components/layout/theme-choice";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { appVersion, backendModes, type BackendMode } from "@/lib/health";
import { currentListener } from "@/lib/listener";
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
  const opinions = new QueryClient();
  if (listener) opinions.setQueryData(recoQueries.feedback().queryKey, await listFeedback(listener));
  return (
    <>
      <PageHeader title="Settings" description="How EchoTune looks and what it runs on." />
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
        <Card>
          <CardHeader>
            <CardTitle>Account</CardTitle>
            <CardDescription data-testid="account-description">
              {listener?.isDemo
                ? demoHistory
                  ? "You are exploring as the demo listener, with eight years of generated history up to yesterday (a new one each day). Nothing you do here touches a Spotify account."
                  : "You are exploring as a demo listener, with the history you imported. Nothing you do here touches a Spotify account."
                : `Signed in with Spotify as ${listener?.displayName ?? "you"}. Your tokens stay on our server.`}
            </CardDescription>
          </CardHeader>
        </Card>
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
