"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { formatNumber } from "@/components/charts";
import { Button } from "@/components/ui/button";
import { opsQueries, opsRequests, type OpsSnapshot } from "@/lib/ops/client";
import { formatWhen, OpsSection, OpsTable } from "./parts";

/** Rolling back asks twice: the first click opens a form that wants a reason, the second confirms. */
function Rollback({ versions, active }: { versions: OpsSnapshot["models"]["versions"]; active: number | null }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [target, setTarget] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const ids = { reason: useId(), target: useId() };
  const candidates = versions.filter((version) => version.version !== active && version.status !== "rejected");
  const rollback = useMutation({
    mutationFn: () => opsRequests.rollback({ reason, ...(target ? { toVersion: Number(target) } : {}) }),
    onSuccess: (result) => {
      setMessage(`Version ${result.model.version} is active again.`);
      setOpen(false);
      setReason("");
      void queryClient.invalidateQueries({ queryKey: opsQueries.all });
    },
    onError: (error) => setMessage(error.message),
  });
  if (!open)
    return (
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="outline" onClick={() => (setOpen(true), setMessage(null))} disabled={active === null}>
          Roll back the model…
        </Button>
        <p role="status" className="text-sm text-muted-foreground">
          {message}
        </p>
      </div>
    );
  return (
    <form
      className="flex flex-col gap-3 rounded-lg border p-4"
      aria-label="Confirm the rollback"
      onSubmit={(event) => {
        event.preventDefault();
        rollback.mutate();
      }}
    >
      <p className="text-sm">Recommendations switch to the earlier version at once. The reason is kept with the model&rsquo;s history.</p>
      <label htmlFor={ids.target} className="text-sm font-medium">
        Version to restore
      </label>
      <select
        id={ids.target}
        value={target}
        onChange={(event) => setTarget(event.target.value)}
        className="h-10 rounded-md border bg-background px-3 text-sm"
      >
        <option value="">The newest earlier version that passed the gate</option>
        {candidates.map((version) => (
          <option key={version.version} value={version.version}>
            Version {version.version} ({version.status})
          </option>
        ))}
      </select>
      <label htmlFor={ids.reason} className="text-sm font-medium">
        Reason
      </label>
      <input
        id={ids.reason}
        required
        minLength={3}
        maxLength={300}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        className="h-10 rounded-md border bg-background px-3 text-sm"
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="destructive" disabled={rollback.isPending}>
          {rollback.isPending ? "Rolling back…" : "Confirm rollback"}
        </Button>
        <Button type="button" variant="outline" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
      <p role="status" className="text-sm text-muted-foreground">
        {message}
      </p>
    </form>
  );
}

export function ModelsSection({ models, canAct }: { models: OpsSnapshot["models"]; canAct: boolean }) {
  return (
    <OpsSection
      id="models"
      title="Models"
      description={`The recommender's versions, their offline metrics and what activated each. Active: ${models.activeVersion === null ? "none yet" : `version ${models.activeVersion}`}.`}
    >
      {models.drift ? (
        <p className="text-sm" data-testid="ops-drift">
          Last drift check {formatWhen(models.drift.checkedAt)}: {models.drift.shouldRetrain ? "retraining" : "no retraining"} (
          {models.drift.reason})
        </p>
      ) : null}
      <OpsTable
        caption="Model versions, newest first"
        head={["Version", "Status", "Trained", "recall@50", "NDCG@20", "Users", "Events"]}
        empty="No model trained yet."
        testId="ops-models-table"
        rows={models.versions.map((version) => [
          `Version ${version.version}`,
          version.status,
          formatWhen(version.createdAt),
          formatNumber(version.recallAt50, 3),
          formatNumber(version.ndcgAt20, 3),
          formatNumber(version.users, 0),
          <span key="events" className="block text-left text-xs whitespace-normal text-muted-foreground">
            {version.events.map((event) => `${event.action} by ${event.by}: ${event.reason}`).join("; ")}
          </span>,
        ])}
      />
      {canAct ? <Rollback versions={models.versions} active={models.activeVersion} /> : null}
    </OpsSection>
  );
}
