"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";

/**
 * One QueryClient per browser tab (per request on the server), so server-prefetched data
 * (HydrationBoundary) and client fetches share one cache.
 */
export function QueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            // Server-prefetched data is fresh for a minute: no refetch right after hydration.
            staleTime: 60_000,
            refetchOnWindowFocus: false,
            retry: (failures, error) => failures < 2 && !(error instanceof Error && "status" in error && Number((error as { status: number }).status) < 500),
          },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
