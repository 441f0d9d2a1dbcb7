"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { opsQueries, OPS_REFRESH_MS, OPS_WINDOWS_HOURS } from "@/lib/ops/client";
import { AiSection } from "./ai-section";
import { AlertsSection } from "./alerts-section";
import { HealthSection } from "./health-section";
import { JobsSection } from "./jobs-section";
import { ModelsSection } from "./models-section";
import { formatWhen } from "./parts";
import { CacheSection, ImportsSection, RoutesSection, SpotifySection } from "./traffic-sections";

const windowLabel = (hours: number) => (hours < 24 ? `Last ${hours} h` : `Last ${hours / 24} day${hours === 24 ? "" : "s"}`);

/** The operations page: one snapshot, refreshed every few seconds, shown as sections. */
export function OpsView({ initialHours }: { initialHours: number }) {
  const [hours, setHours] = useState(initialHours);
  const selectId = useId();
  const query = useQuery({ ...opsQueries.snapshot(hours), placeholderData: keepPreviousData });
  const data = query.data;

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div className="flex items-center gap-2">
          <label htmlFor={selectId} className="text-sm font-medium">
            Window
          </label>
          <select
            id={selectId}
            value={hours}
            onChange={(event) => setHours(Number(event.target.value))}
            className="h-10 rounded-md border bg-background px-3 text-sm"
            data-testid="ops-window"
          >
            {OPS_WINDOWS_HOURS.map((option) => (
              <option key={option} value={option}>
                {windowLabel(option)}
              </option>
            ))}
          </select>
        </div>
        <p className="text-sm text-muted-foreground" aria-live="polite" data-testid="ops-updated">
          {data ? `Updated ${formatWhen(data.generatedAt)} · refreshes every ${OPS_REFRESH_MS / 1000} s` : "Loading…"}
        </p>
      </div>
      {data?.role === "visitor" ? (
        <p className="rounded-lg border px-4 py-3 text-sm" data-testid="ops-read-only">
          A read-only view of your own demo instance: your jobs and AI usage against your own budgets. Retrying jobs and rolling models back
          are for operators.
        </p>
      ) : null}
      <QueryError error={query.error} onRetry={() => void query.refetch()} />
      {data ? (
        <div className="grid gap-6 lg:grid-cols-2" aria-busy={query.isFetching && query.isPlaceholderData}>
          <AlertsSection alerts={data.alerts} />
          <HealthSection health={data.health} />
          <div className="lg:col-span-2">
            <JobsSection jobs={data.jobs} canAct={data.role === "operator"} />
          </div>
          <div className="lg:col-span-2">
            <AiSection ai={data.ai} />
          </div>
          <div className="lg:col-span-2">
            <RoutesSection data={data.routes} />
          </div>
          <SpotifySection data={data.spotify} />
          <CacheSection data={data.cache} />
          <ImportsSection data={data.imports} />
          <div className="lg:col-span-2">
            <ModelsSection models={data.models} canAct={data.role === "operator"} />
          </div>
        </div>
      ) : (
        <div role="status" className="grid gap-6 lg:grid-cols-2">
          <span className="sr-only">Loading the operations snapshot…</span>
          {Array.from({ length: 4 }, (_, index) => (
            <Skeleton key={index} className="h-64 w-full" />
          ))}
        </div>
      )}
    </div>
  );
}
