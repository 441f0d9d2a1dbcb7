"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { retryDelay, shouldRetry } from "@/lib/http/client";

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Server-prefetched data is fresh for a minute: no refetch right after hydration.
        staleTime: 60_000,
        refetchOnWindowFocus: false,
        retry: shouldRetry,
        retryDelay,
      },
      // A mutation may have reached the server before its answer got lost: only the idempotent
      // ones retry, each opting in with `idempotentRetry` from lib/http/client.
      mutations: { retry: false },
    },
  });
}

/**
 * One QueryClient for the signed-in part of the app: the `(app)` layout mounts this once, so the
 * cache outlives navigations between its pages, and dies with the layout (signing out leaves it),
 * so one listener's data never shows for the next in the same tab. On the server, one per request.
 */
export function QueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(makeQueryClient);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
