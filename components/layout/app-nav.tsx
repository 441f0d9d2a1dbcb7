"use client";

import Link, { useLinkStatus } from "next/link";
import { usePathname } from "next/navigation";
import { Icon } from "@/components/ui/icon";
import { cn } from "@/lib/utils";
import { appNavItems } from "./nav-items";

/** The app's section links; the current one is marked for sight and for screen readers. */
export function AppNav({ onNavigate, className }: { onNavigate?: () => void; className?: string }) {
  const pathname = usePathname();
  return (
    <ul className={cn("flex flex-col gap-1", className)}>
      {appNavItems.map(({ href, label, icon }) => {
        const current = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <li key={href}>
            <Link
              href={href}
              onClick={onNavigate}
              aria-current={current ? "page" : undefined}
              data-testid={`nav-${label.toLowerCase()}`}
              className="nav-link"
            >
              <Icon name={icon} className="size-4" />
              {label}
              <Pending />
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * A dot at the end of a link while its page is on the way. The app's pages render on the server
 * without a loading skeleton where they are quick (a streamed skeleton holds the page's first
 * content back by React's reveal throttle), so a click shows here that it was taken. Always
 * rendered, only its opacity changes: nothing moves.
 */
function Pending() {
  const { pending } = useLinkStatus();
  return <i aria-hidden="true" className="nav-pending" data-pending={pending || undefined} />;
}
