import type { ComponentProps } from "react";
import { Button } from "@/components/ui/button";
import { Icon } from "@/components/ui/icon";

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
      <Icon name="menu" className="size-4" />
    </Button>
  );
}
