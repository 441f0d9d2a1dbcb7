"use client";

// zod's core alone (its global config), not the whole library: this file is in every page.
import { config as zodConfig } from "zod/v4/core";

declare global {
  // Read as a global by react-style-singleton (Radix's scroll lock) when it adds a <style>.
  var __webpack_nonce__: string | undefined;
}

/**
 * The nonce this document's policy admits, from its own scripts (the `nonce` property keeps it after
 * the browser hides the attribute). Not a prop: a refresh or a server action's redirect renders the
 * layout again for a new request, with a nonce this document's policy has never heard of.
 */
export function documentNonce(): string | undefined {
  if (typeof document === "undefined") return undefined;
  return document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce || undefined;
}

if (typeof window !== "undefined") {
  // zod compiles parsers with `new Function` unless told not to, and even its probe for that is a
  // violation under a policy without 'unsafe-eval'.
  zodConfig({ jitless: true });
  // Radix dialogs, sheets and menus lock scrolling with a <style> element; Turbopack leaves webpack's
  // `__webpack_nonce__` a plain global, which is where that library looks for the nonce.
  globalThis.__webpack_nonce__ = documentNonce();
}

/** Rendered once in the root layout, so the browser setup above runs before anything else needs it. */
export function CspRuntime() {
  return null;
}
