import "server-only";
import { evaluateAlerts } from "@/lib/ops";
import { registerJobKind } from "../kinds";

/** Evaluates the operators' alert rules (and posts to the webhook when one opens). */
registerJobKind<Record<string, never>, { fired: number }>({
  kind: "evaluate-alerts",
  maxAttempts: 2,
  async step({ store }) {
    const fired = (await evaluateAlerts({ store })).length;
    return { cursor: { fired }, done: true, progress: { done: 1, total: 1 }, detail: `${fired} alert(s) firing` };
  },
});
