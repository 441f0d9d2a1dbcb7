"use client";

import { ThemeProvider as NextThemesProvider } from "next-themes";
import type { ReactNode } from "react";

/**
 * Light, dark or system; the choice lives in localStorage and is applied before first paint by an
 * inline script, which carries the request's CSP nonce (as does the style that pauses transitions
 * while the theme switches).
 */
export function ThemeProvider({ nonce, children }: { nonce: string | undefined; children: ReactNode }) {
  return (
    <NextThemesProvider
      attribute="class"
      defaultTheme="system"
      enableSystem
      disableTransitionOnChange
      storageKey="echotune-theme"
      nonce={nonce}
    >
      {children}
    </NextThemesProvider>
  );
}
