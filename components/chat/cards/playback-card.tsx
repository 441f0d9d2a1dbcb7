import { AlertTriangleIcon, PlayIcon } from "lucide-react";
import type { PlaybackOutput } from "@/lib/assistant/client";
import { cn } from "@/lib/utils";
import { PLAYBACK_PROBLEMS } from "../format";
import type { ToolCardSpec } from "./shared";

function PlaybackCard({ output }: { output: PlaybackOutput }) {
  const problem = output.ok ? null : output.problem ? PLAYBACK_PROBLEMS[output.problem] : output.summary;
  return (
    <section
      data-testid="playback-card"
      data-ok={output.ok}
      data-problem={output.problem}
      className={cn(
        "flex items-start gap-3 rounded-xl border p-4 text-sm",
        output.ok ? "bg-card" : "border-destructive/40 bg-destructive/5",
      )}
    >
      {output.ok ? (
        <PlayIcon className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
      ) : (
        <AlertTriangleIcon className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden="true" />
      )}
      <div>
        <h3 className="font-semibold">
          {output.ok
            ? output.action === "play"
              ? "Playing on Spotify"
              : "Added to your Spotify queue"
            : output.action === "play"
              ? "Could not play"
              : "Could not add to the queue"}
        </h3>
        <p className="mt-0.5 text-muted-foreground">{problem ?? output.summary}</p>
      </div>
    </section>
  );
}

export const playbackCard: ToolCardSpec<"playback"> = {
  working: "Talking to Spotify…",
  failed: "Spotify could not be controlled",
  Card: PlaybackCard,
};
