import type { MetadataRoute } from "next";
import { env } from "@/lib/env";

export default function robots(): MetadataRoute.Robots {
  // Previews and the signed-in app stay out of search results; the landing page is public.
  const indexable = env.VERCEL_ENV === undefined || env.VERCEL_ENV === "production";
  return {
    rules: indexable
      ? { userAgent: "*", allow: "/", disallow: ["/api/", "/dashboard", "/discover", "/assistant", "/playlists", "/import", "/settings"] }
      : { userAgent: "*", disallow: "/" },
    sitemap: new URL("/sitemap.xml", env.APP_URL).toString(),
  };
}
