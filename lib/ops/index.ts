/**
 * The operations page's server side: who may see it (access.ts), the one snapshot it shows
 * (snapshot.ts) and the alert rules the `evaluate-alerts` job applies (rules.ts, alerts.ts). The
 * browser's half (the snapshot's types, its query options) is client.ts.
 */
import "server-only";

export { currentOpsViewer, operatorEmails, opsGates, opsViewerOf, type OpsViewer } from "./access";
export { evaluateAlerts, gatherAlertFacts, recentAlerts, webhookBody, type AlertWebhook } from "./alerts";
export { ALERT_THRESHOLDS, firingAlerts, type AlertFacts, type AlertThresholds } from "./rules";
export { opsSnapshot } from "./snapshot";
export type { OpsSnapshot } from "./client";
