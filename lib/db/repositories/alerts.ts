import { DuplicateKeyError } from "../errors";
import type { Store } from "../port";
import { collections, type AlertDocument, type AlertRule } from "../schema";

/** What a rule says while its condition holds, for one subject. */
export interface AlertFiring {
  rule: AlertRule;
  subject: string;
  message: string;
  value: number;
  threshold: number;
}

const openId = (rule: string, subject: string) => `${rule}|${subject}`;

/**
 * Alerts (lib/ops): one open alert per rule and subject, whatever the number of evaluations or
 * evaluators. Opening is an insert under `<rule>|<subject>` (a duplicate key means it is open
 * already); resolving keeps a copy under a key of its own, then frees the open key. Both steps are
 * idempotent, so an evaluation stopped between them is finished by the next one.
 */
export function alertsRepository(store: Store) {
  const alerts = store.collection<AlertDocument>(collections.alerts);
  return {
    /** Opens an alert for a firing rule, or refreshes the open one; true when it was opened now. */
    async open(firing: AlertFiring, now = new Date()): Promise<boolean> {
      const _id = openId(firing.rule, firing.subject);
      const current = { message: firing.message, value: firing.value, threshold: firing.threshold, seenAt: now };
      const refreshed = await alerts.updateOne({ _id, status: "open" }, { $set: current });
      if (refreshed.matchedCount === 1) return false;
      try {
        await alerts.insertOne({
          _id,
          rule: firing.rule,
          subject: firing.subject,
          status: "open",
          ...current,
          openedAt: now,
          resolvedAt: null,
          webhook: { deliveredAt: null, attempts: 0, lastError: null },
        });
        return true;
      } catch (error) {
        // Another evaluation opened it meanwhile.
        if (error instanceof DuplicateKeyError) return false;
        throw error;
      }
    },

    /** Resolves an open alert whose condition cleared: it is kept, resolved, under a key of its own. */
    async resolve(alert: AlertDocument, now = new Date()): Promise<void> {
      const resolved: AlertDocument = {
        ...alert,
        _id: `${openId(alert.rule, alert.subject)}|${alert.openedAt.getTime()}`,
        status: "resolved",
        resolvedAt: now,
        ...(alert.webhook.deliveredAt ? { resolution: { pending: true, deliveredAt: null, attempts: 0, lastError: null } } : {}),
      };
      try {
        await alerts.insertOne(resolved);
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
      }
      await alerts.deleteOne({ _id: alert._id, status: "open" });
    },

    /** Open alerts, newest first. */
    listOpen(): Promise<AlertDocument[]> {
      return alerts.find({ status: "open" }, { sort: { openedAt: -1 } });
    },

    /** The newest resolved alerts. */
    resolved(limit: number): Promise<AlertDocument[]> {
      return alerts.find({ status: "resolved" }, { sort: { openedAt: -1 }, limit });
    },

    /** Open alerts whose webhook post has not gone through yet. */
    undelivered(): Promise<AlertDocument[]> {
      return alerts.find({ status: "open", "webhook.deliveredAt": null }, { sort: { openedAt: 1 } });
    },

    /** Resolved alerts whose all-clear post is still to go, oldest first. */
    unannouncedResolutions(): Promise<AlertDocument[]> {
      return alerts.find({ status: "resolved", "resolution.pending": true }, { sort: { resolvedAt: 1 } });
    },

    /** The all-clear post went, or failed (for the last time when `giveUp`). */
    async markResolutionDelivery(id: string, outcome: { deliveredAt: Date } | { error: string; giveUp: boolean }): Promise<void> {
      const set =
        "deliveredAt" in outcome
          ? { "resolution.pending": false, "resolution.deliveredAt": outcome.deliveredAt, "resolution.lastError": null }
          : { "resolution.pending": !outcome.giveUp, "resolution.lastError": outcome.error };
      await alerts.updateOne({ _id: id }, { $set: set, $inc: { "resolution.attempts": 1 } });
    },

    async markDelivery(id: string, outcome: { deliveredAt: Date } | { error: string }): Promise<void> {
      const set =
        "deliveredAt" in outcome
          ? { "webhook.deliveredAt": outcome.deliveredAt, "webhook.lastError": null }
          : { "webhook.lastError": outcome.error };
      await alerts.updateOne({ _id: id }, { $set: set, $inc: { "webhook.attempts": 1 } });
    },
  };
}

export type AlertsRepository = ReturnType<typeof alertsRepository>;
