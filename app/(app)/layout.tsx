import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { after, connection } from "next/server";
import type { ReactNode } from "react";
import { ReconnectBanner } from "@/components/auth/reconnect-banner";
import { AppShell } from "@/components/layout/app-shell";
import { ServiceUnavailable } from "@/components/layout/service-unavailable";
import { QueryProvider } from "@/components/providers/query-provider";
import { TimeZoneDetect } from "@/components/settings/time-zone-detect";
import { currentSession } from "@/lib/auth";
import { StoreUnavailableError, timeZoneSourceOf } from "@/lib/db";
import { currentListener, type ListenerProfile } from "@/lib/listener";
import { readsDemoHistory } from "@/lib/listening";
import { opsViewerOf } from "@/lib/ops";
import { site } from "@/lib/site";
import { finishDemoHistory } from "./demo-history";

/**
 * A signed-in page is nobody's link preview (a crawler or a chat app sees the sign-in page), so its
 * head leaves out the Open Graph and Twitter card tags: two dozen tags in the HTML and again in the
 * RSC payload of every page.
 */
export const metadata: Metadata = { openGraph: null, twitter: null };

/** The listener, or "unavailable" while the database is unreachable (the shell still renders). */
async function loadListener(): Promise<ListenerProfile | null | "unavailable"> {
  try {
    return await currentListener();
  } catch (error) {
    if (error instanceof StoreUnavailableError) return "unavailable";
    throw error;
  }
}

export default async function AppLayout({ children }: { children: ReactNode }) {
  // Per-listener content: rendered for each request, never at build time.
  await connection();
  const session = await currentSession();
  if (!session) redirect("/sign-in");
  const listener = await loadListener();
  if (listener === null) redirect("/sign-in?error=SessionExpired");
  const available = listener !== "unavailable";
  // Reading the index never stores anything: any page of the demo starts storing its history.
  if (available && listener.isDemo) after(finishDemoHistory);
  // The demo says what its history is, while the visitor reads the shared one (not their own import).
  const demoNote = available && (await readsDemoHistory(listener).catch(() => false)) ? site.demoHistory : undefined;
  // Operators (and, in demo mode, each visitor for their own instance) find the operations page in the account menu.
  const ops = available && (await opsViewerOf(listener).catch(() => null)) !== null;
  return (
    <AppShell
      user={{
        name: available ? listener.displayName : session.isDemo ? "Demo listener" : "Your account",
        isDemo: session.isDemo,
        note: demoNote,
        ops,
      }}
      badge={
        available ? null : (
          <span className="rounded-full border px-3 py-1 text-xs font-medium text-muted-foreground" data-testid="offline-badge">
            Offline
          </span>
        )
      }
    >
      {available && listener.reconnectRequired ? <ReconnectBanner /> : null}
      {available && timeZoneSourceOf(listener.settings) === "default" ? <TimeZoneDetect /> : null}
      {/* One query cache for every signed-in page, kept across navigations between them. The
          provider is a client component; this layout and the pages stay server components. */}
      {available ? <QueryProvider>{children}</QueryProvider> : <ServiceUnavailable />}
    </AppShell>
  );
}
