import { SUGGESTED_PROMPTS } from "@/lib/assistant/client";

/** Starting points for an empty chat; choosing one sends it. */
export function SuggestedPrompts({ onSelect, disabled }: { onSelect: (prompt: string) => void; disabled?: boolean }) {
  return (
    <ul aria-label="Suggested questions" className="grid gap-2 sm:grid-cols-2" data-testid="suggested-prompts">
      {SUGGESTED_PROMPTS.map((prompt) => (
        <li key={prompt}>
          <button
            type="button"
            disabled={disabled}
            onClick={() => onSelect(prompt)}
            className="h-full w-full rounded-xl border bg-card px-4 py-3 text-left text-sm transition-colors outline-none hover:bg-accent hover:text-accent-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:ring-offset-background disabled:pointer-events-none disabled:opacity-50"
          >
            {prompt}
          </button>
        </li>
      ))}
    </ul>
  );
}
