import "server-only";
import { alertsRepository, getStore, jobsRepository, usageRepository, type AlertDocument, type AlertFiring, type Store } from "@/lib/db";
import { env } from "@/lib/env";
import { flushMetrics, logger, readOperationalMetrics, type OperationalMetrics } from "@/lib/telemetry";
import { budgetsOf } from "./budgets";
import type { OpsAlert } from "./client";
import { ALERT_THRESHOLDS, firingAlerts, type AlertFacts } from "./rules";

const RESOLVED_SHOWN = 20;
const WEBHOOK_TIMEOUT_MS = 5_000;
/** Tries of an all-clear post before it is given up (an opening is retried for as long as it is open). */
export const MAX_RESOLUTION_POSTS = 10;

/** What the rules look at now: the error window's counters, today's AI spend, failing jobs, Spotify pauses. */
export async function gatherAlertFacts(
  store: Store,
  { now = new Date(), metrics }: { now?: Date; metrics?: OperationalMetrics } = {},
): Promise<AlertFacts> {
  // This instance's last second of counts is still buffered: written first, so the rules see it.
  if (!metrics) await flushMetrics();
  const window = metrics ?? (await readOperationalMetrics({ hours: ALERT_THRESHOLDS.errorWindowHours, now: now.getTime() }));
  const [today, failing] = await Promise.all([
    usageRepository(store).forDay(now.toISOString().slice(0, 10)),
    jobsRepository(store).failing(ALERT_THRESHOLDS.jobFailures),
  ]);
  return {
    now,
    requests: { total: window.totals.requests, errors: window.totals.errors },
    budgets: budgetsOf(today, "deployment"),
    jobs: failing.map((job) => ({ id: job._id, kind: job.kind, attempts: job.attempts, status: job.status, lastError: job.lastError })),
    pauses: window.spotify.pauses.map((pause) => ({ account: pause.account, until: new Date(pause.until) })),
  };
}

export interface AlertWebhook {
  url: string | undefined;
  fetch?: typeof fetch;
}

/**
 * The `evaluate-alerts` job: applies every rule, opens an alert per rule and subject that fires (one
 * open alert each, however often it is evaluated), resolves those whose condition cleared, and posts
 * each newly opened alert to ALERT_WEBHOOK_URL, and the all-clear of each resolved one it had posted.
 * A webhook that fails is logged and tried again at the next evaluation; it never fails the job.
 * Returns what fires now.
 */
export async function evaluateAlerts(
  options: { store?: Store; now?: Date; facts?: AlertFacts; webhook?: AlertWebhook } = {},
): Promise<AlertFiring[]> {
  const store = options.store ?? (await getStore());
  const now = options.now ?? new Date();
  const facts = options.facts ?? (await gatherAlertFacts(store, { now }));
  const alerts = alertsRepository(store);
  const firing = firingAlerts(facts);

  for (const alert of firing) {
    if (await alerts.open(alert, now))
      logger.warn({ alert: { rule: alert.rule, subject: alert.subject } }, `alert opened: ${alert.message}`);
  }
  const firingKeys = new Set(firing.map((alert) => `${alert.rule}|${alert.subject}`));
  for (const alert of await alerts.listOpen()) {
    if (firingKeys.has(`${alert.rule}|${alert.subject}`)) continue;
    await alerts.resolve(alert, now);
    logger.info({ alert: { rule: alert.rule, subject: alert.subject } }, "alert resolved");
  }
  await postAlerts(store, options.webhook ?? { url: env.ALERT_WEBHOOK_URL });
  return firing;
}

/**
 * Posts every open alert the webhook has not taken yet, then every all-clear, once each; failures
 * wait for the next evaluation.
 */
async function postAlerts(store: Store, webhook: AlertWebhook): Promise<void> {
  const url = webhook.url;
  if (!url) return;
  const alerts = alertsRepository(store);
  const send = webhook.fetch ?? fetch;
  /** Undefined when the post went; the error's message when it did not. */
  const post = async (alert: AlertDocument): Promise<string | undefined> => {
    try {
      const response = await send(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(webhookBody(alert)),
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`the webhook answered HTTP ${response.status}`);
      return undefined;
    } catch (error) {
      logger.warn({ err: error, alert: alert._id, status: alert.status }, "alerts: webhook post failed; retried at the next evaluation");
      return error instanceof Error ? error.message : String(error);
    }
  };
  for (const alert of await alerts.undelivered()) {
    const error = await post(alert);
    await alerts.markDelivery(alert._id, error === undefined ? { deliveredAt: new Date() } : { error });
  }
  for (const alert of await alerts.unannouncedResolutions()) {
    const error = await post(alert);
    const giveUp = (alert.resolution?.attempts ?? 0) + 1 >= MAX_RESOLUTION_POSTS;
    await alerts.markResolutionDelivery(alert._id, error === undefined ? { deliveredAt: new Date() } : { error, giveUp });
  }
}

/** The JSON an alert webhook receives (Slack-style `text` first, for chat webhooks that read only it). */
export function webhookBody(alert: AlertDocument) {
  return {
    text: alert.status === "resolved" ? `EchoTune alert resolved: ${alert.message}` : `EchoTune alert: ${alert.message}`,
    alert: {
      id: alert._id,
      rule: alert.rule,
      subject: alert.subject,
      status: alert.status,
      message: alert.message,
      value: alert.value,
      threshold: alert.threshold,
      openedAt: alert.openedAt.toISOString(),
      resolvedAt: alert.resolvedAt?.toISOString() ?? null,
    },
    page: new URL("/ops", env.APP_URL).toString(),
  };
}

function alertView(alert: AlertDocument, webhookOn: boolean): OpsAlert {
  return {
    id: alert._id,
    rule: alert.rule,
    subject: alert.subject,
    status: alert.status,
    message: alert.message,
    openedAt: alert.openedAt.toISOString(),
    seenAt: alert.seenAt.toISOString(),
    resolvedAt: alert.resolvedAt?.toISOString() ?? null,
    webhook: alert.webhook.deliveredAt ? "delivered" : !webhookOn ? "off" : alert.webhook.lastError ? "failed" : "pending",
  };
}

/** Open alerts, then the newest resolved ones, for the page. */
export async function recentAlerts(store?: Store): Promise<OpsAlert[]> {
  const alerts = alertsRepository(store ?? (await getStore()));
  const [open, resolved] = await Promise.all([alerts.listOpen(), alerts.resolved(RESOLVED_SHOWN)]);
  const webhookOn = Boolean(env.ALERT_WEBHOOK_URL);
  return [...open, ...resolved].map((alert) => alertView(alert, webhookOn));
}
