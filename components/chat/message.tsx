"use client";

import type { ChatStatus } from "ai";
import { RotateCcwIcon } from "lucide-react";
import { memo } from "react";
import { Button } from "@/components/ui/button";
import type { ChatMessage } from "@/lib/assistant/client";
import { cn } from "@/lib/utils";
import { PlaybackApprovalCard } from "./cards/playback-approval-card";
import { ApprovalCard } from "./cards/save-playlist-card";
import { ModelBadge } from "./model-badge";
import { ToolCard } from "./cards/tool-card";
import { chatToolPart } from "./tool-parts";

interface MessageProps {
  message: ChatMessage;
  /**
   * The conversation, for a message that asks to save a playlist (its card looks back for the
   * draft it would save). Left out otherwise, so settled messages skip re-rendering while tokens stream.
   */
  conversation?: readonly ChatMessage[];
  status: ChatStatus;
  /** This answer is the one streaming in. */
  streaming: boolean;
  onApprovalResponse: (approvalId: string, approved: boolean) => void;
  /** The newest message: only its approval requests can still be answered. */
  isLast: boolean;
  /** Offered on the last answer once the chat is idle. */
  onRegenerate?: () => void;
}

function PureMessage({ message, conversation = [], status, streaming, onApprovalResponse, isLast, onRegenerate }: MessageProps) {
  const fromListener = message.role === "user";
  const busy = status === "submitted" || status === "streaming";
  return (
    <article
      data-testid="chat-message"
      data-role={fromListener ? "user" : "assistant"}
      aria-label={fromListener ? "You" : "Assistant"}
      aria-busy={streaming || undefined}
      className={cn("flex w-full flex-col gap-2", fromListener ? "items-end" : "items-start")}
    >
      {message.parts.map((part, index) => {
        const key = `${message.id}-${index}`;
        if (part.type === "text") {
          if (!part.text) return null;
          return (
            <div
              key={key}
              className={cn(
                "max-w-[min(42rem,90%)] rounded-2xl px-4 py-2.5 text-sm leading-relaxed break-words whitespace-pre-wrap",
                fromListener ? "rounded-br-md bg-primary text-primary-foreground" : "rounded-bl-md bg-muted text-foreground",
              )}
            >
              {part.text}
            </div>
          );
        }
        const tool = chatToolPart(part);
        if (!tool) return null;
        return (
          <div key={tool.toolCallId} className="w-full max-w-2xl">
            {tool.type === "tool-savePlaylist" ? (
              <ApprovalCard part={tool} messages={conversation} busy={busy} expired={!isLast} onRespond={onApprovalResponse} />
            ) : tool.type === "tool-playback" && tool.state === "approval-requested" ? (
              <PlaybackApprovalCard part={tool} busy={busy} expired={!isLast} onRespond={onApprovalResponse} />
            ) : (
              <ToolCard part={tool} />
            )}
          </div>
        );
      })}
      {fromListener ? null : (
        <div className="flex flex-wrap items-center gap-2">
          <ModelBadge metadata={message.metadata} />
          {onRegenerate ? (
            <Button
              type="button"
              variant="ghost"
              size="sm"
              className="h-7 px-2 text-xs text-muted-foreground"
              onClick={onRegenerate}
              data-testid="regenerate"
            >
              <RotateCcwIcon aria-hidden="true" />
              Regenerate
            </Button>
          ) : null}
        </div>
      )}
    </article>
  );
}

// Only the streaming answer changes token by token; earlier messages keep their props.
export const Message = memo(PureMessage);
