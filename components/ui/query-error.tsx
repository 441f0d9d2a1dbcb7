import { cn } from "@/lib/utils";

/**
 * A failed load or refresh, said where the data would be, with a way to try again: the message
 * says what went wrong (the API's problem detail), the button refetches.
 */
export function QueryError({ error, onRetry, className }: { error: Error | null; onRetry: () => void; className?: string }) {
  if (!error) return null;
  return (
    <p role="alert" className={cn("rounded-lg border border-destructive/40 px-4 py-3 text-sm", className)}>
      {error.message}{" "}
      <button type="button" className="underline underline-offset-2" onClick={onRetry}>
        Try again
      </button>
    </p>
  );
}
