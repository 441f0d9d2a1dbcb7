import { SparklesIcon } from "lucide-react";
import { LogoMark } from "@/components/layout/logo";
import type { ChatMetadata } from "@/lib/assistant/client";
import { modelBadge } from "./format";

/** Who wrote an answer, in the listener's words: EchoTune or Gemini (the exact model in the tooltip). */
export function ModelBadge({ metadata }: { metadata: ChatMetadata | undefined }) {
  const badge = modelBadge(metadata);
  if (!badge) return null;
  return (
    <p
      data-testid="model-badge"
      data-offline={badge.echotune}
      title={badge.title}
      className="flex items-center gap-1.5 text-xs text-muted-foreground"
    >
      {badge.echotune ? <LogoMark className="size-3.5 shrink-0" /> : <SparklesIcon className="size-3.5 shrink-0" aria-hidden="true" />}
      <span>{badge.text}</span>
    </p>
  );
}
