"use client";

import { ActivityIcon, LogOutIcon, SettingsIcon } from "lucide-react";
import Link from "next/link";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { signOutAction } from "@/lib/auth/actions";
import { UserMenuTrigger } from "./user-menu-trigger";

/** The account menu itself; loaded on first use, like the theme menu. */
export default function UserMenuDropdown({
  name,
  isDemo,
  note,
  ops = false,
  defaultOpen = false,
}: {
  name: string;
  isDemo: boolean;
  note?: string;
  /** The listener may open the operations page: health, cost and model quality. */
  ops?: boolean;
  defaultOpen?: boolean;
}) {
  return (
    <DropdownMenu defaultOpen={defaultOpen}>
      <DropdownMenuTrigger asChild>
        <UserMenuTrigger name={name} note={note} />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-56">
        <DropdownMenuLabel>
          <span className="block truncate">{isDemo ? "Demo listener" : name}</span>
          {note ? <span className="block text-xs font-normal text-muted-foreground first-letter:uppercase">{note}</span> : null}
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/settings">
            <SettingsIcon aria-hidden="true" />
            Settings
          </Link>
        </DropdownMenuItem>
        {ops ? (
          <DropdownMenuItem asChild>
            <Link href="/ops" data-testid="menu-ops">
              <ActivityIcon aria-hidden="true" />
              Operations
            </Link>
          </DropdownMenuItem>
        ) : null}
        <DropdownMenuItem
          onSelect={() => {
            void signOutAction();
          }}
          data-testid="sign-out"
        >
          <LogOutIcon aria-hidden="true" />
          {isDemo ? "Leave the demo" : "Sign out"}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
