"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { saveSettings } from "@/lib/listener/client";

/**
 * At first sign-in the server only knows UTC: this tells it the browser's zone, once. The server
 * takes it only while the zone is still that untouched default (never over a zone the listener
 * chose), then the pages render again in it. Rendered by the app layout only while that is so; a
 * failed attempt is simply made again on the next page.
 */
export function TimeZoneDetect() {
  const router = useRouter();
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone) return;
    saveSettings({ browserTimeZone: zone })
      .then(({ timeZoneAdopted }) => {
        if (timeZoneAdopted) router.refresh();
      })
      .catch(() => undefined);
  }, [router]);
  return null;
}
