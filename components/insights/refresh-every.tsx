"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Renders nothing; refreshes the page's server components every `ms` while it is mounted. */
export function RefreshEvery({ ms }: { ms: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), ms);
    return () => clearInterval(timer);
  }, [router, ms]);
  return null;
}
