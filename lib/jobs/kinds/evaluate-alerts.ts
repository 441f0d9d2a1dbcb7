import "server-only";
import { registerJobKind } from "../kinds";
// LEAD: replace with `import { evaluateAlerts } from "@/lib/ops";` once O's alert rules are on main.
import { evaluateAlerts } from "../pending-contracts";

/** Evaluates the operators' alert rules (and posts to the webhook when one fires). */
registerJobKind<Record<string, never>, { fired: number }>({
  kind: "evaluate-alerts",
  maxAttempts: 2,
  async step() {
    const fired = (await evaluateAlerts()).length;
    return { cursor: { fired }, done: true, progress: { done: 1, total: 1 }, detail: `${fired} alert(s) firing` };
  },
});
