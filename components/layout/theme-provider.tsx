"use client";

import { ThemeProvider as NextThemesProvider } from "next-themes";
import type { ReactNode } from "react";
import { documentNonce } from "./csp-runtime";

/**
 * Light, dark or system; the choice lives in localStorage and is applied before first paint by an
 * inline script, which carries the request's CSP nonce from the server; in the browser, the style
 * that pauses transitions while the theme switches carries the document's.
 */
export function ThemeProvider({ nonce, children }: { nonce: string | undefined; children: ReactNode }) {
  return (
    <NextThemesProvider
      attribute="class"
      defaultTheme="system"
      enableSystem
      disableTransitionOnChange
      storageKey="echotune-theme"
      nonce={typeof window === "undefined" ? nonce : documentNonce()}
    >
      {children}
    </NextThemesProvider>
  );
}
