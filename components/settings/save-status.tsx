import type { SaveState } from "./use-save-settings";

/**
 * What became of a save, next to its button: a polite status once saved, an alert when it failed.
 * Both live regions are always in the page, so screen readers announce the change itself.
 */
export function SaveStatus({ state, testId }: { state: SaveState; testId: string }) {
  return (
    <div className="text-sm" data-testid={testId}>
      <p role="status" className="text-muted-foreground">
        {state.status === "saved" ? state.message : state.status === "saving" ? "Saving…" : ""}
      </p>
      <p role="alert" className="text-destructive">
        {state.status === "error" ? state.message : ""}
      </p>
    </div>
  );
}
