import { UserIcon } from "lucide-react";
import type { ComponentProps } from "react";
import { Button } from "@/components/ui/button";

export function UserMenuTrigger({ name, ...props }: { name: string } & ComponentProps<typeof Button>) {
  return (
    <Button variant="ghost" className="gap-2 px-2 sm:px-3" aria-label={`Account: ${name}`} data-testid="user-menu" {...props}>
      <span className="flex size-7 items-center justify-center rounded-full bg-accent text-accent-foreground">
        <UserIcon className="size-4" aria-hidden="true" />
      </span>
      <span className="hidden max-w-40 truncate sm:inline" data-testid="listener-name">
        {name}
      </span>
    </Button>
  );
}
