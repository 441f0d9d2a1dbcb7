/**
 * The client-safe part of the operations page: the snapshot's shape and the TanStack Query options
 * shared by the page's server prefetch and its self-refreshing client sections.
 */
import { queryOptions } from "@tanstack/react-query";
import { fetchJson } from "@/lib/http/client";

/** How often the page refreshes itself. */
export const OPS_REFRESH_MS = 15_000;
/** The windows an operator can pick, in hours. */
export const OPS_WINDOWS_HOURS = [1, 6, 24, 72, 168] as const;
export const DEFAULT_OPS_HOURS = 24;

export interface OpsJob {
  id: string;
  kind: string;
  status: "queued" | "running" | "succeeded" | "failed";
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  progress: { done: number; total: number | null };
  /** ISO 8601. */
  updatedAt: string;
  /** Newest last: what happened to it ("retry", "failed", ...). */
  history: Array<{ at: string; event: string; detail?: string }>;
}

export interface OpsAiUsage {
  day: string;
  provider: "gemini" | "perplexity" | "offline";
  model: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface OpsBudget {
  provider: "gemini" | "perplexity";
  label: string;
  /** "tokens" or "requests". */
  unit: string;
  /** Today's spend (UTC) against the daily budget; share is null without a budget. */
  used: number;
  limit: number;
  share: number | null;
  /** "deployment" (everyone together) or "listener" (a demo visitor's own budget). */
  scope: "deployment" | "listener";
}

export interface OpsModel {
  version: number;
  status: "active" | "candidate" | "rejected" | "retired";
  createdAt: string;
  recallAt50: number;
  ndcgAt20: number;
  users: number;
  trainSeconds: number;
  /** What happened to it, oldest first: trained, activated (and by whom, why), rolled back... */
  events: Array<{ at: string; action: string; reason: string; by: string }>;
}

export interface OpsAlert {
  id: string;
  rule: string;
  subject: string;
  status: "open" | "resolved";
  message: string;
  openedAt: string;
  seenAt: string;
  resolvedAt: string | null;
  webhook: "delivered" | "pending" | "failed" | "off";
}

/**
 * Everything the operations page shows. Sections a demo visitor may not see (other listeners'
 * traffic, Spotify accounts, alerts) are null in their view.
 */
export interface OpsSnapshot {
  generatedAt: string;
  hours: number;
  /** "operator": the whole deployment, with actions; "visitor": a demo visitor's own, read-only view. */
  role: "operator" | "visitor";
  health: Array<{ name: string; mode: string; ok: boolean; detail: string; latencyMs: number | null }>;
  jobs: {
    counts: { queued: number; running: number; succeeded: number; failed: number };
    /** Steps over the window, from the counters (operators only). */
    steps: { succeeded: number; failed: number; retried: number } | null;
    recent: OpsJob[];
  };
  spotify: {
    byEndpoint: Array<{ endpoint: string; status: number; count: number }>;
    calls: number;
    rateLimited: number;
    pauses: Array<{ account: string; until: string }>;
  } | null;
  cache: Array<{ use: string; hits: number; misses: number; hitRate: number | null }> | null;
  ai: { usage: OpsAiUsage[]; budgets: OpsBudget[]; totals: { requests: number; tokens: number; costUsd: number } };
  routes: {
    buckets: string[];
    rows: Array<{ route: string; requests: number; errors: number; errorRate: number | null; p95Ms: number | null; series: number[] }>;
    totals: { requests: number; errors: number; errorRate: number | null; perMinute: number };
  } | null;
  imports: { rows: number; seconds: number; rowsPerSecond: number | null } | null;
  models: {
    activeVersion: number | null;
    versions: OpsModel[];
    drift: { checkedAt: string; shouldRetrain: boolean; reason: string } | null;
  };
  alerts: OpsAlert[] | null;
}

export const opsQueries = {
  all: ["ops"] as const,
  snapshot: (hours: number) =>
    queryOptions({
      queryKey: [...opsQueries.all, "snapshot", hours] as const,
      queryFn: ({ signal }) =>
        fetchJson<OpsSnapshot>(`/api/ops?hours=${hours}`, { signal, fallback: "The operations snapshot could not be loaded. Try again." }),
      refetchInterval: OPS_REFRESH_MS,
      staleTime: OPS_REFRESH_MS / 2,
    }),
};

/** The operators' actions (404 for anyone else, demo visitors included). */
export const opsRequests = {
  retryJob: (id: string) =>
    fetchJson<{ job: { id: string; status: string; attempts: number } }>(`/api/ops/jobs/${encodeURIComponent(id)}/retry`, {
      method: "POST",
      fallback: "The job could not be retried. Try again.",
    }),
  rollback: (body: { toVersion?: number; reason: string }) =>
    fetchJson<{ model: { version: number; status: string } }>("/api/ops/models/rollback", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      fallback: "The model could not be rolled back. Try again.",
    }),
};
