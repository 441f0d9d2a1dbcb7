import type { OpsSnapshot } from "@/lib/ops/client";
import { formatMs, OpsSection, OpsTable } from "./parts";

const BACKEND_NAMES: Record<string, string> = {
  store: "Database",
  cache: "Cache",
  signIn: "Sign-in",
  spotify: "Spotify",
  assistant: "Assistant (Gemini)",
  research: "Research (Perplexity)",
};

export function HealthSection({ health }: { health: OpsSnapshot["health"] }) {
  const down = health.filter((backend) => !backend.ok).length;
  return (
    <OpsSection id="health" title="Health" description={down === 0 ? "Every backend is up." : `${down} backend(s) down.`}>
      <OpsTable
        caption="Backends, their mode and latency"
        head={["Backend", "Mode", "Status", "Latency", "Detail"]}
        empty="No backends."
        rows={health.map((backend) => [
          BACKEND_NAMES[backend.name] ?? backend.name,
          backend.mode,
          <span key="status" data-testid={`ops-health-${backend.name}`} data-ok={backend.ok}>
            {backend.ok ? "Up" : "Down"}
          </span>,
          formatMs(backend.latencyMs),
          <span key="detail" className="whitespace-normal">
            {backend.detail}
          </span>,
        ])}
      />
    </OpsSection>
  );
}
