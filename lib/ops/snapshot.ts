import "server-only";
import { getStore, jobsRepository, usageRepository, type JobDocument, type Store } from "@/lib/db";
import { env } from "@/lib/env";
import { backendModes, readiness } from "@/lib/health";
import { lastDriftReport, modelHistory } from "@/lib/reco";
import { flushMetrics, readOperationalMetrics } from "@/lib/telemetry";
import type { OpsViewer } from "./access";
import { recentAlerts } from "./alerts";
import { budgetsOf, providerOf } from "./budgets";
import type { OpsAiUsage, OpsJob, OpsSnapshot } from "./client";

const DAY_MS = 86_400_000;
const RECENT_JOBS = 25;
const MODEL_VERSIONS = 10;
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function jobView(job: JobDocument): OpsJob {
  return {
    id: job._id,
    kind: job.kind,
    status: job.status,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    lastError: job.lastError,
    progress: job.progress,
    updatedAt: job.updatedAt.toISOString(),
    history: job.history
      .slice(-8)
      .map((entry) => ({ at: entry.at.toISOString(), event: entry.event, ...(entry.detail ? { detail: entry.detail } : {}) })),
  };
}

/** Every backend: the configured ones checked (with latency), the built-in ones by their mode. */
async function healthOf(): Promise<OpsSnapshot["health"]> {
  const { checks } = await readiness();
  const modes: Record<string, string> = { ...backendModes(), research: env.PERPLEXITY_API_KEY ? "configured" : "off" };
  return Object.entries(modes).map(([name, mode]) => {
    const check = checks.find((candidate) => candidate.name === name || (name === "signIn" && candidate.name === "spotify"));
    if (check && mode === "configured") return { name, mode, ok: check.ok, detail: check.detail, latencyMs: check.latencyMs };
    const detail =
      mode === "configured" ? "configured (no readiness check)" : mode === "off" ? "not configured: off" : "built in (no network)";
    return { name, mode, ok: true, detail, latencyMs: null };
  });
}

/**
 * Everything the operations page shows, for one viewer: an operator gets the deployment, a demo
 * visitor their own jobs and AI usage against their own budgets, with the shared health and models.
 */
export async function opsSnapshot(viewer: OpsViewer, options: { hours: number; now?: Date; store?: Store }): Promise<OpsSnapshot> {
  const now = options.now ?? new Date();
  const store = options.store ?? (await getStore());
  const operator = viewer.role === "operator";
  const own = operator ? undefined : viewer.id;
  const days = Math.min(15, Math.max(1, Math.ceil(options.hours / 24)));
  const fromDay = utcDay(now.getTime() - (days - 1) * DAY_MS);
  const jobs = jobsRepository(store);
  // This instance's last second of counts is still buffered: written first, so the page shows it.
  if (operator) await flushMetrics();

  const [health, counts, recent, usage, history, drift, metrics, alerts] = await Promise.all([
    healthOf(),
    jobs.counts(own),
    jobs.list({ limit: RECENT_JOBS, ...(own ? { userId: own } : {}) }),
    usageRepository(store).since(fromDay, own),
    modelHistory(store, MODEL_VERSIONS),
    lastDriftReport(store),
    operator ? readOperationalMetrics({ hours: options.hours, now: now.getTime() }) : null,
    operator ? recentAlerts(store) : null,
  ]);

  const aiUsage: OpsAiUsage[] = usage
    .map((row) => ({
      day: row.day,
      provider: providerOf(row.model),
      model: row.model,
      requests: row.requests,
      inputTokens: row.inputTokens,
      outputTokens: row.outputTokens,
      costUsd: row.costUsd,
    }))
    // One row per day and model, summed over listeners.
    .reduce<OpsAiUsage[]>((rows, row) => {
      const same = rows.find((candidate) => candidate.day === row.day && candidate.model === row.model);
      if (!same) return [...rows, row];
      same.requests += row.requests;
      same.inputTokens += row.inputTokens;
      same.outputTokens += row.outputTokens;
      same.costUsd += row.costUsd;
      return rows;
    }, [])
    .sort((a, b) => b.day.localeCompare(a.day) || b.costUsd - a.costUsd || a.model.localeCompare(b.model));
  const today = utcDay(now.getTime());

  const minutes = Math.max(1, options.hours * 60);
  return {
    generatedAt: now.toISOString(),
    hours: options.hours,
    role: viewer.role,
    health,
    jobs: { counts, steps: metrics ? metrics.jobs : null, recent: recent.map(jobView) },
    spotify: metrics
      ? {
          byEndpoint: metrics.spotify.byEndpoint,
          calls: metrics.spotify.byEndpoint.reduce((sum, row) => sum + row.count, 0),
          rateLimited: metrics.spotify.rateLimited,
          pauses: metrics.spotify.pauses,
        }
      : null,
    cache: metrics ? metrics.cache : null,
    ai: {
      usage: aiUsage,
      budgets: budgetsOf(
        usage.filter((row) => row.day === today),
        operator ? "deployment" : "listener",
      ),
      totals: {
        requests: aiUsage.reduce((sum, row) => sum + row.requests, 0),
        tokens: aiUsage.reduce((sum, row) => sum + row.inputTokens + row.outputTokens, 0),
        costUsd: aiUsage.reduce((sum, row) => sum + row.costUsd, 0),
      },
    },
    routes: metrics
      ? {
          buckets: metrics.buckets,
          rows: metrics.routes.map((row) => ({ ...row, errorRate: row.requests > 0 ? row.errors / row.requests : null })),
          totals: { ...metrics.totals, perMinute: metrics.totals.requests / minutes },
        }
      : null,
    imports: metrics ? metrics.imports : null,
    models: {
      activeVersion: history.find((version) => version.status === "active")?.version ?? null,
      versions: history.map((version) => ({
        version: version.version,
        status: version.status,
        createdAt: version.createdAt,
        recallAt50: version.metrics.recallAt50,
        ndcgAt20: version.metrics.ndcgAt20,
        users: version.metrics.users,
        trainSeconds: version.trainSeconds,
        events: version.events,
      })),
      drift: drift ? { checkedAt: drift.checkedAt, shouldRetrain: drift.shouldRetrain, reason: drift.reason } : null,
    },
    alerts,
  };
}
