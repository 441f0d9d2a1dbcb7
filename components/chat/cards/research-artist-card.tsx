import { BookOpenIcon, ExternalLinkIcon } from "lucide-react";
import type { ResearchOutput } from "@/lib/assistant/client";
import { ToolFrame, type ToolCardSpec } from "./shared";

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return url;
  }
};

/** Why there is no answer, in a word for the heading. */
const UNANSWERED_TITLE: Record<Exclude<ResearchOutput["status"], "answered">, string> = {
  off: "Research is off",
  budget: "Daily research limit reached",
  error: "Research didn't work this time",
};

/** An answer from the web with its sources as numbered links (the [n] in the text), or why there is none. */
function ResearchCard({ output }: { output: ResearchOutput }) {
  const about = output.artist ? `About ${output.artist}` : "Research";
  if (output.status !== "answered")
    return (
      <ToolFrame
        data-testid="research-card"
        data-status={output.status}
        Icon={BookOpenIcon}
        title={UNANSWERED_TITLE[output.status]}
        description={about}
      >
        <p role="status" className="text-sm">
          {output.answer}
        </p>
      </ToolFrame>
    );
  return (
    <ToolFrame
      data-testid="research-card"
      data-status={output.status}
      Icon={BookOpenIcon}
      title={about}
      description={`From the web, through Perplexity${output.cached ? " (an answer found earlier today)" : ""}. Check the sources.`}
    >
      <p className="text-sm leading-relaxed whitespace-pre-line">{output.answer}</p>
      {output.citations.length > 0 ? (
        <>
          <h4 className="mt-3 mb-1 text-xs font-medium text-muted-foreground">Sources</h4>
          <ol className="flex flex-col gap-1 text-sm" aria-label={`Sources for the answer about ${output.artist ?? "this question"}`}>
            {output.citations.map((citation, index) => (
              <li key={citation.url} className="flex min-w-0 gap-1.5">
                <span className="shrink-0 text-muted-foreground tabular-nums" aria-hidden="true">
                  [{index + 1}]
                </span>
                <a
                  href={citation.url}
                  target="_blank"
                  rel="noopener noreferrer"
                  data-testid="research-citation"
                  className="inline-flex min-w-0 items-center gap-1 font-medium text-brand-text underline-offset-4 hover:underline focus-visible:rounded-sm focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
                >
                  <span className="sr-only">Source {index + 1}: </span>
                  <span className="truncate">{citation.title}</span>
                  <span className="shrink-0 text-xs font-normal text-muted-foreground">{hostOf(citation.url)}</span>
                  <ExternalLinkIcon className="size-3.5 shrink-0" aria-hidden="true" />
                  <span className="sr-only">(opens in a new tab)</span>
                </a>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </ToolFrame>
  );
}

export const researchArtistCard: ToolCardSpec<"researchArtist"> = {
  working: "Looking it up on the web…",
  failed: "The research could not be done",
  Card: ResearchCard,
};
