import { formatNumber, Sparkline } from "@/components/charts";
import type { OpsSnapshot } from "@/lib/ops/client";
import { Counter, Counters, formatMs, formatPercent, formatWhen, OperatorsOnly, OpsSection, OpsTable } from "./parts";

type Section<K extends keyof OpsSnapshot> = { data: OpsSnapshot[K] };

export function SpotifySection({ data }: Section<"spotify">) {
  return (
    <OpsSection id="spotify" title="Spotify" description="Web API calls by endpoint and status, rate limits and paused accounts.">
      {data ? (
        <>
          <Counters>
            <Counter id="spotify-calls" label="Calls" value={data.calls} unit="calls" />
            <Counter id="spotify-429" label="Rate limited (429)" value={data.rateLimited} unit="calls" />
            <Counter id="spotify-paused" label="Accounts paused now" value={data.pauses.length} unit="accounts" />
          </Counters>
          <OpsTable
            caption="Spotify calls by endpoint and status"
            head={["Endpoint", "Status", "Calls"]}
            empty="No Spotify calls in this window."
            rows={data.byEndpoint.map((row) => [
              row.endpoint,
              row.status === 0 ? "no answer" : String(row.status),
              formatNumber(row.count, 0),
            ])}
          />
          {data.pauses.length > 0 ? (
            <OpsTable
              caption="Accounts Spotify paused (hashed ids)"
              head={["Account", "Paused until"]}
              empty=""
              rows={data.pauses.map((pause) => [pause.account, formatWhen(pause.until)])}
            />
          ) : null}
        </>
      ) : (
        <OperatorsOnly what="Spotify calls" />
      )}
    </OpsSection>
  );
}

const CACHE_USES: Record<string, string> = { spotify: "Catalogue (Spotify)", assistant: "Answers (assistant)", research: "Research" };

export function CacheSection({ data }: Section<"cache">) {
  return (
    <OpsSection id="cache" title="Cache" description="Hit rate by use: the catalogue, the assistant's answers and research.">
      {data ? (
        <>
          <Counters>
            <Counter id="cache-hits" label="Hits" value={data.reduce((sum, row) => sum + row.hits, 0)} unit="lookups" />
            <Counter id="cache-misses" label="Misses" value={data.reduce((sum, row) => sum + row.misses, 0)} unit="lookups" />
          </Counters>
          <OpsTable
            caption="Cache lookups and hit rate by use"
            head={["Use", "Hits", "Misses", "Hit rate"]}
            empty="No cache lookups in this window."
            rows={data.map((row) => [
              CACHE_USES[row.use] ?? row.use,
              formatNumber(row.hits, 0),
              formatNumber(row.misses, 0),
              formatPercent(row.hitRate),
            ])}
          />
        </>
      ) : (
        <OperatorsOnly what="Cache lookups" />
      )}
    </OpsSection>
  );
}

export function RoutesSection({ data }: Section<"routes">) {
  return (
    <OpsSection id="routes" title="Routes" description="Request rate, error rate (5xx answers) and 95th percentile latency per route.">
      {data ? (
        <>
          <Counters>
            <Counter id="routes-requests" label="Requests" value={data.totals.requests} unit="requests" />
            <Counter
              id="routes-rate"
              label="Request rate"
              value={data.totals.perMinute}
              display={formatNumber(data.totals.perMinute, 2)}
              unit="per min"
            />
            <Counter id="routes-errors" label="Server errors" value={data.totals.errors} unit="answers" />
            <Counter
              id="routes-error-rate"
              label="Error rate"
              value={data.totals.errorRate ?? 0}
              display={formatPercent(data.totals.errorRate)}
            />
          </Counters>
          <OpsTable
            caption="Requests, errors and p95 latency per route"
            head={["Route", "Requests", "Trend", "Errors", "Error rate", "p95"]}
            empty="No requests in this window."
            testId="ops-routes-table"
            rows={data.rows.map((row) => [
              <span key="route" className="font-mono text-xs">
                {row.route}
              </span>,
              formatNumber(row.requests, 0),
              <Sparkline
                key="trend"
                values={row.series}
                label={`Requests to ${row.route} over the window, ${data.buckets.length} buckets`}
              />,
              formatNumber(row.errors, 0),
              formatPercent(row.errorRate),
              formatMs(row.p95Ms),
            ])}
          />
        </>
      ) : (
        <OperatorsOnly what="Requests" />
      )}
    </OpsSection>
  );
}

export function ImportsSection({ data }: Section<"imports">) {
  return (
    <OpsSection id="imports" title="Imports" description="Plays stored from uploaded exports, and how fast.">
      {data ? (
        <Counters>
          <Counter id="imports-rows" label="Rows stored" value={data.rows} unit="plays" />
          <Counter id="imports-seconds" label="Time storing" value={data.seconds} display={formatNumber(data.seconds, 1)} unit="s" />
          <Counter
            id="imports-throughput"
            label="Throughput"
            value={data.rowsPerSecond ?? 0}
            display={data.rowsPerSecond === null ? "–" : formatNumber(data.rowsPerSecond, 0)}
            unit="plays/s"
          />
        </Counters>
      ) : (
        <OperatorsOnly what="Imports" />
      )}
    </OpsSection>
  );
}
