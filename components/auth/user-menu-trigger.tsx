import type { ComponentProps } from "react";
import { Button } from "@/components/ui/button";
import { Icon } from "@/components/ui/icon";

/** The account button: who is signed in and, for the demo, what its history is (`note`, from md up; the menu says it too). */
export function UserMenuTrigger({ name, note, ...props }: { name: string; note?: string } & ComponentProps<typeof Button>) {
  return (
    <Button
      variant="ghost"
      className="gap-2 px-2 sm:px-3"
      aria-label={note ? `Account: ${name} · ${note}` : `Account: ${name}`}
      data-testid="user-menu"
      {...props}
    >
      <span className="flex size-7 items-center justify-center rounded-full bg-accent text-accent-foreground">
        <Icon name="user" className="size-4" />
      </span>
      <span className="hidden max-w-40 truncate sm:inline" data-testid="listener-name">
        {name}
      </span>
      {note ? (
        <span className="hidden text-xs font-normal text-muted-foreground md:inline" data-testid="listener-note">
          · {note}
        </span>
      ) : null}
    </Button>
  );
}
