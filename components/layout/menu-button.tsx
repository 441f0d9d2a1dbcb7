import { MenuIcon } from "lucide-react";
import type { ComponentProps } from "react";
import { Button } from "@/components/ui/button";

/** The header's menu button (phones only); props from a Radix trigger pass through. */
export function MenuButton(props: ComponentProps<typeof Button>) {
  return (
    <Button
      variant="ghost"
      size="icon"
      className="lg:hidden"
      aria-label="Open menu"
      aria-haspopup="dialog"
      data-testid="mobile-menu"
      {...props}
    >
      <MenuIcon aria-hidden="true" />
    </Button>
  );
}
