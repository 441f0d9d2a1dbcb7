"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { UserMenuTrigger } from "./user-menu-trigger";

const loadMenu = () => import("./user-menu-dropdown");

/** The account button; its menu (Radix) loads on first pointer or focus and opens on the first click. */
export function UserMenu({ name, isDemo, note, ops = false }: { name: string; isDemo: boolean; note?: string; ops?: boolean }) {
  const [opened, setOpened] = useState(false);
  const Menu = opened ? UserMenuDropdown : null;
  if (Menu) return <Menu name={name} isDemo={isDemo} note={note} ops={ops} defaultOpen />;
  return (
    <UserMenuTrigger
      name={name}
      note={note}
      aria-haspopup="menu"
      aria-expanded={false}
      onPointerEnter={() => void loadMenu()}
      onFocus={() => void loadMenu()}
      onClick={() => void loadMenu().then(() => setOpened(true))}
    />
  );
}

const UserMenuDropdown = dynamic(loadMenu, { ssr: false });
