"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { MenuButton } from "./menu-button";

const loadSheet = () => import("./mobile-nav-sheet");
const MobileNavSheet = dynamic(loadSheet, { ssr: false, loading: () => <MenuButton /> });

/**
 * The section menu on phones. The sheet (Radix Dialog, about 11 kB gzipped, in every signed-in
 * page's first load before) loads when the listener touches, points at or focuses the button and
 * opens on the first click, so first paint carries none of it.
 */
export function MobileNav() {
  const [opened, setOpened] = useState(false);
  if (opened) return <MobileNavSheet />;
  return (
    <MenuButton
      onPointerDown={() => void loadSheet()}
      onPointerEnter={() => void loadSheet()}
      onFocus={() => void loadSheet()}
      onClick={() => setOpened(true)}
    />
  );
}
