"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { opsQueries, opsRequests, type OpsSnapshot } from "@/lib/ops/client";
import { Counter, Counters, formatWhen, OpsSection, OpsTable } from "./parts";

function RetryButton({ id, kind }: { id: string; kind: string }) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const retry = useMutation({
    mutationFn: () => opsRequests.retryJob(id),
    onSuccess: () => {
      setMessage("Queued again");
      void queryClient.invalidateQueries({ queryKey: opsQueries.all });
    },
    onError: (error) => setMessage(error.message),
  });
  return (
    <span className="inline-flex items-center gap-2">
      <Button size="sm" variant="outline" disabled={retry.isPending} onClick={() => retry.mutate()} aria-label={`Retry job ${kind} ${id}`}>
        {retry.isPending ? "Retrying…" : "Retry"}
      </Button>
      <span role="status" className="text-xs text-muted-foreground">
        {message}
      </span>
    </span>
  );
}

export function JobsSection({ jobs, canAct }: { jobs: OpsSnapshot["jobs"]; canAct: boolean }) {
  return (
    <OpsSection id="jobs" title="Jobs" description="Background work: running now, failed, retried, and what happened to each.">
      <Counters>
        <Counter id="jobs-running" label="Running" value={jobs.counts.running} unit="jobs" />
        <Counter id="jobs-queued" label="Queued" value={jobs.counts.queued} unit="jobs" />
        <Counter id="jobs-succeeded" label="Succeeded" value={jobs.counts.succeeded} unit="jobs" />
        <Counter id="jobs-failed" label="Failed" value={jobs.counts.failed} unit="jobs" />
        {jobs.steps ? (
          <>
            <Counter
              id="jobs-steps"
              label="Steps run in the window"
              value={jobs.steps.succeeded + jobs.steps.failed + jobs.steps.retried}
              unit="steps"
            />
            <Counter id="jobs-retried" label="Steps retried in the window" value={jobs.steps.retried} unit="steps" />
          </>
        ) : null}
      </Counters>
      <OpsTable
        caption="Most recently changed jobs, with their latest events"
        head={["Job", "Status", "Tries", "Progress", "Updated", "History", ...(canAct ? ["Action"] : [])]}
        empty="No jobs yet."
        testId="ops-jobs-table"
        rows={jobs.recent.map((job) => [
          <span key="id">
            <span className="font-medium">{job.kind}</span>
            <span className="block font-mono text-xs text-muted-foreground">{job.id}</span>
            {job.lastError ? <span className="block text-xs text-destructive">{job.lastError}</span> : null}
          </span>,
          job.status,
          `${job.attempts} of ${job.maxAttempts}`,
          job.progress.total ? `${job.progress.done} of ${job.progress.total}` : `${job.progress.done}`,
          formatWhen(job.updatedAt),
          <span key="history" className="block text-left text-xs whitespace-normal text-muted-foreground">
            {job.history.map((entry) => `${entry.event}${entry.detail ? ` (${entry.detail})` : ""}`).join(" → ")}
          </span>,
          ...(canAct ? [job.status === "failed" ? <RetryButton key="retry" id={job.id} kind={job.kind} /> : "–"] : []),
        ])}
      />
    </OpsSection>
  );
}
