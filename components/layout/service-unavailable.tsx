import { CloudOffIcon } from "lucide-react";
import { EmptyState } from "./empty-state";
import { RetryButton } from "./retry-button";

/** Shown in place of a page while the database cannot be reached; the app recovers by itself. */
export function ServiceUnavailable() {
  return (
    <div role="alert" data-testid="service-unavailable">
      <EmptyState Icon={CloudOffIcon} title="EchoTune is temporarily unavailable" actions={<RetryButton />}>
        <p>
          We cannot reach our database right now. Your data is safe, and nothing you did was lost. This page works again as soon as the
          database is back, usually within a minute.
        </p>
      </EmptyState>
    </div>
  );
}
