import type { ReactNode } from "react";
import { UserMenu } from "@/components/auth/user-menu";
import { AppNav } from "@/components/layout/app-nav";
import { Logo } from "@/components/layout/logo";
import { MobileNav } from "@/components/layout/mobile-nav";
import { ThemeToggle } from "@/components/layout/theme-toggle";

/**
 * The signed-in frame: the sidebar (the mobile menu on small screens), the header with the theme
 * and account menus, and the main landmark. The `(app)` and `(ops)` layouts both render it.
 */
export function AppShell({
  user,
  badge,
  children,
}: {
  /** `ops`: the listener may open the operations page (its link is in the account menu). */
  user: { name: string; isDemo: boolean; note?: string | undefined; ops?: boolean };
  /** Shown in the header before the menus (the "Offline" badge). */
  badge?: ReactNode;
  children: ReactNode;
}) {
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
          <div className="ml-auto flex items-center gap-1 sm:gap-2">
            {badge}
            <ThemeToggle />
            <UserMenu name={user.name} isDemo={user.isDemo} note={user.note} ops={user.ops ?? false} />
          </div>
        </header>
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 outline-none sm:px-6">
          {children}
        </main>
      </div>
    </div>
  );
}
