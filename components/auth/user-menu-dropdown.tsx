"use client";

import { LogOutIcon, SettingsIcon } from "lucide-react";
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
  defaultOpen = false,
}: {
  name: string;
  isDemo: boolean;
  note?: string;
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
