"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ThemeIcon } from "./theme-icon";

const loadMenu = () => import("./theme-menu");
const ThemeMenu = dynamic(loadMenu, { ssr: false, loading: () => <ThemeButton /> });

function ThemeButton(props: { onClick?: () => void; onPointerEnter?: () => void; onFocus?: () => void }) {
  return (
    <Button variant="ghost" size="icon" aria-label="Theme" aria-haspopup="menu" aria-expanded={false} data-testid="theme-toggle" {...props}>
      <ThemeIcon />
    </Button>
  );
}

/**
 * The theme button in every header. The menu (Radix, about 30 kB) loads when the listener points
 * at or focuses the button and opens on the first click, so first paint carries none of it.
 */
export function ThemeToggle() {
  const [opened, setOpened] = useState(false);
  if (opened) return <ThemeMenu defaultOpen />;
  return <ThemeButton onPointerEnter={() => void loadMenu()} onFocus={() => void loadMenu()} onClick={() => setOpened(true)} />;
}
