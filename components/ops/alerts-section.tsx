import type { OpsAlert, OpsSnapshot } from "@/lib/ops/client";
import { formatWhen, OperatorsOnly, OpsSection, OpsTable } from "./parts";

const RULES: Record<string, string> = {
  "error-rate": "Error rate",
  budget: "Budget",
  "job-failures": "Failing job",
  "spotify-paused": "Spotify pause",
};

const WEBHOOK: Record<OpsAlert["webhook"], string> = {
  delivered: "posted",
  pending: "to post",
  failed: "failed, retrying",
  off: "no webhook",
};

export function AlertsSection({ alerts }: { alerts: OpsSnapshot["alerts"] }) {
  const open = alerts?.filter((alert) => alert.status === "open").length ?? 0;
  return (
    <OpsSection
      id="alerts"
      title="Alerts"
      description={alerts ? (open === 0 ? "No alert is open." : `${open} alert(s) open.`) : "Alert rules watch the whole deployment."}
    >
      {alerts ? (
        <OpsTable
          caption="Open alerts first, then recently resolved ones"
          head={["Alert", "Status", "Opened", "Resolved", "Webhook"]}
          empty="No alerts yet: the rules check errors, budgets, failing jobs and Spotify pauses every 5 minutes."
          testId="ops-alerts-table"
          rows={alerts.map((alert) => [
            <span key="alert">
              <span className="font-medium">{RULES[alert.rule] ?? alert.rule}</span>
              <span className="block text-xs text-muted-foreground">{alert.message}</span>
            </span>,
            alert.status,
            formatWhen(alert.openedAt),
            alert.resolvedAt ? formatWhen(alert.resolvedAt) : "–",
            WEBHOOK[alert.webhook],
          ])}
        />
      ) : (
        <OperatorsOnly what="Alerts" />
      )}
    </OpsSection>
  );
}
