import {
  BlendIcon,
  CalendarHeartIcon,
  CompassIcon,
  LayoutDashboardIcon,
  ListMusicIcon,
  MessageCircleIcon,
  SettingsIcon,
  UploadIcon,
} from "lucide-react";

/** The signed-in app's sections, in the order the sidebar and the mobile menu show them. */
export const appNavItems = [
  { href: "/dashboard", label: "Dashboard", Icon: LayoutDashboardIcon },
  { href: "/recap", label: "Year in music", Icon: CalendarHeartIcon },
  { href: "/discover", label: "Discover", Icon: CompassIcon },
  { href: "/assistant", label: "Assistant", Icon: MessageCircleIcon },
  { href: "/playlists", label: "Playlists", Icon: ListMusicIcon },
  { href: "/blend", label: "Blend", Icon: BlendIcon },
  { href: "/import", label: "Import", Icon: UploadIcon },
  { href: "/settings", label: "Settings", Icon: SettingsIcon },
] as const;

export type AppSection = (typeof appNavItems)[number]["href"];
