import { CloudOffIcon, SparklesIcon } from "lucide-react";
import { OFFLINE_MODEL_ID, type ChatMetadata } from "@/lib/assistant/client";
import { modelBadgeText } from "./format";

/** Which model wrote an answer, and why the offline assistant stood in when it did. */
export function ModelBadge({ metadata }: { metadata: ChatMetadata | undefined }) {
  const text = modelBadgeText(metadata);
  if (!text) return null;
  const offline = Boolean(metadata?.offline || metadata?.model === OFFLINE_MODEL_ID);
  const Icon = offline ? CloudOffIcon : SparklesIcon;
  return (
    <p data-testid="model-badge" data-offline={offline} className="flex items-center gap-1.5 text-xs text-muted-foreground">
      <Icon className="size-3.5 shrink-0" aria-hidden="true" />
      <span>
        <span className="sr-only">Answered by: </span>
        {text}
      </span>
    </p>
  );
}
