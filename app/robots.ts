import type { MetadataRoute } from "next";
import { appNavItems } from "@/components/layout/nav-items";
import { env } from "@/lib/env";

export default function robots(): MetadataRoute.Robots {
  // Previews and the signed-in app (every section of its menu, and the operators' view) stay out
  // of search results; the landing page and shared recaps are public.
  const indexable = env.VERCEL_ENV === undefined || env.VERCEL_ENV === "production";
  return {
    rules: indexable
      ? { userAgent: "*", allow: "/", disallow: ["/api/", ...appNavItems.map((item) => item.href), "/ops"] }
      : { userAgent: "*", disallow: "/" },
    sitemap: new URL("/sitemap.xml", env.APP_URL).toString(),
  };
}
