import type { IconName } from "@/components/ui/icon-names";

/** The signed-in app's sections, in the order the sidebar and the mobile menu show them. */
export const appNavItems = [
  { href: "/dashboard", label: "Dashboard", icon: "layout-dashboard" },
  { href: "/recap", label: "Year in music", icon: "calendar-heart" },
  { href: "/discover", label: "Discover", icon: "compass" },
  { href: "/assistant", label: "Assistant", icon: "message-circle" },
  { href: "/playlists", label: "Playlists", icon: "list-music" },
  { href: "/blend", label: "Blend", icon: "blend" },
  { href: "/import", label: "Import", icon: "upload" },
  { href: "/settings", label: "Settings", icon: "settings" },
] as const satisfies ReadonlyArray<{ href: string; label: string; icon: IconName }>;

export type AppSection = (typeof appNavItems)[number]["href"];
