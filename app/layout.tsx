import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { geistSans } from "@/components/layout/fonts";
import { CspRuntime } from "@/components/layout/csp-runtime";
import { SkipLink } from "@/components/layout/skip-link";
import { ThemeProvider } from "@/components/layout/theme-provider";
import { env } from "@/lib/env";
import { requestNonce } from "@/lib/security";
import { site } from "@/lib/site";
import "./globals.css";

export const metadata: Metadata = {
  metadataBase: new URL(env.APP_URL),
  title: { default: site.title, template: `%s · ${site.name}` },
  description: site.description,
  applicationName: site.name,
  openGraph: { type: "website", siteName: site.name, title: site.title, description: site.description, url: "/" },
  twitter: { card: "summary_large_image", title: site.title, description: site.description },
  formatDetection: { telephone: false },
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fbfdfb" },
    { media: "(prefers-color-scheme: dark)", color: "#14161c" },
  ],
  colorScheme: "light dark",
};

export default async function RootLayout({ children }: Readonly<{ children: ReactNode }>) {
  // Every page is rendered per request for its nonce (proxy.ts): no HTML is prerendered with scripts
  // a nonce-only policy would block.
  const nonce = await requestNonce();
  return (
    <html lang="en" className={geistSans.variable} suppressHydrationWarning>
      <body>
        <CspRuntime />
        <ThemeProvider nonce={nonce}>
          <SkipLink />
          {children}
        </ThemeProvider>
      </body>
    </html>
  );
}
