import { connection } from "next/server";
import type { ReactNode } from "react";
import { AppNav } from "@/components/layout/app-nav";
import { Logo } from "@/components/layout/logo";
import { MobileNav } from "@/components/layout/mobile-nav";
import { ServiceUnavailable } from "@/components/layout/service-unavailable";
import { ThemeToggle } from "@/components/layout/theme-toggle";
import { StoreUnavailableError } from "@/lib/db";
import { currentListener, type ListenerProfile } from "@/lib/listener";

/** The listener, or null while the database is unreachable (the shell still renders). */
async function loadListener(): Promise<ListenerProfile | null> {
  try {
    return await currentListener();
  } catch (error) {
    if (error instanceof StoreUnavailableError) return null;
    throw error;
  }
}

export default async function AppLayout({ children }: { children: ReactNode }) {
  // Per-listener content: rendered for each request, never at build time.
  await connection();
  const listener = await loadListener();
  return (
    <div className="flex min-h-dvh">
      <aside className="sticky top-0 hidden h-dvh w-64 shrink-0 flex-col border-r bg-muted/30 px-3 py-4 lg:flex">
        <Logo href="/dashboard" className="mb-6 px-3 py-1" />
        <nav aria-label="Sections">
          <AppNav />
        </nav>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-16 items-center gap-2 border-b bg-background/90 px-4 backdrop-blur sm:px-6">
          <MobileNav />
          <Logo href="/dashboard" className="lg:hidden" />
          <div className="ml-auto flex items-center gap-2">
            <span
              className="hidden rounded-full border px-3 py-1 text-xs font-medium text-muted-foreground sm:inline"
              data-testid="listener-badge"
            >
              {listener ? listener.displayName : "Offline"}
            </span>
            <ThemeToggle />
          </div>
        </header>
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 outline-none sm:px-6">
          {listener ? children : <ServiceUnavailable />}
        </main>
      </div>
    </div>
  );
}
