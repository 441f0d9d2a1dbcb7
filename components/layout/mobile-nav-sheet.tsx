"use client";

import { useState } from "react";
import { Sheet, SheetContent, SheetDescription, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { AppNav } from "./app-nav";
import { LogoMark } from "./logo";
import { MenuButton } from "./menu-button";

/**
 * The phone menu itself (Radix Dialog as a sheet), loaded by MobileNav on first use and mounted
 * open. Its trigger stands where MobileNav's button stood, so closing returns focus there.
 */
export default function MobileNavSheet() {
  const [open, setOpen] = useState(true);
  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild>
        <MenuButton />
      </SheetTrigger>
      <SheetContent side="left" aria-describedby={undefined}>
        <SheetTitle className="flex items-center gap-2">
          <LogoMark />
          EchoTune
        </SheetTitle>
        <SheetDescription className="sr-only">Go to a section of EchoTune</SheetDescription>
        <nav aria-label="Sections">
          <AppNav onNavigate={() => setOpen(false)} />
        </nav>
      </SheetContent>
    </Sheet>
  );
}
