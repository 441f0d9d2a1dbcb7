import { cn } from "@/lib/utils";
import type { IconName } from "./icon-names";

/**
 * A decorative icon drawn by CSS (app/icons.css): one empty element instead of an inline SVG, for
 * icons on every page (the shell) or repeated down a page. It takes the text colour and is 1em
 * square unless sized (`size-4`). Purely visual: label the control it sits in, not the icon.
 */
export function Icon({ name, className }: { name: IconName; className?: string }) {
  return <i aria-hidden="true" className={cn("icon", `icon-${name}`, className)} />;
}
