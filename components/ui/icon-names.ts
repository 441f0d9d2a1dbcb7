/**
 * The icons app/icons.css carries as CSS masks (lucide names), for `<Icon name>`. Adding one: list
 * it here and run `npm run icons`; a unit test fails while the stylesheet is out of date.
 */
export const CSS_ICONS = [
  "blend",
  "calendar-heart",
  "calendar-range",
  "chevron-right",
  "compass",
  "layout-dashboard",
  "list-music",
  "menu",
  "message-circle",
  "moon",
  "settings",
  "sun",
  "upload",
  "user",
] as const;

export type IconName = (typeof CSS_ICONS)[number];
