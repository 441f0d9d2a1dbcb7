"use client";

import type { ChatStatus } from "ai";
import { useEffect, useId, useRef, type ReactNode } from "react";
import type { ChatMessage } from "@/lib/assistant/client";
import { Message } from "./message";

/** Within this many pixels of the end the list follows new tokens; further up, the listener is reading. */
const FOLLOW_THRESHOLD = 96;

function asksToSavePlaylist(message: ChatMessage): boolean {
  return message.parts.some((part) => part.type === "tool-savePlaylist" && "state" in part && part.state === "approval-requested");
}

/**
 * The conversation. Tokens are not announced as they stream (that would read every fragment);
 * `announcement` is set once an answer has finished and is read out politely. Its heading (for
 * screen readers only) is the level the answers' cards (h3) sit under, below the chat's title (h1).
 */
export function Messages({
  messages,
  status,
  announcement,
  onApprovalResponse,
  onRegenerate,
  children,
}: {
  messages: ChatMessage[];
  status: ChatStatus;
  announcement: string;
  onApprovalResponse: (approvalId: string, approved: boolean) => void;
  onRegenerate: () => void;
  /** Shown while the chat has no messages. */
  children?: ReactNode;
}) {
  const scroller = useRef<HTMLElement>(null);
  const headingId = useId();
  const following = useRef(true);
  const last = messages.at(-1);

  // A message the listener just sent brings the view back to the bottom, where the answer appears.
  const count = useRef(messages.length);
  useEffect(() => {
    const element = scroller.current;
    if (messages.length > count.current && messages.at(-1)?.role === "user") following.current = true;
    count.current = messages.length;
    if (element && following.current) element.scrollTop = element.scrollHeight;
  }, [messages, status]);

  const thinking = status === "submitted" && last?.role !== "assistant";
  return (
    <section
      ref={scroller}
      aria-labelledby={headingId}
      tabIndex={0}
      data-testid="chat-messages"
      onScroll={(event) => {
        const element = event.currentTarget;
        following.current = element.scrollHeight - element.scrollTop - element.clientHeight < FOLLOW_THRESHOLD;
      }}
      className="min-h-0 flex-1 overflow-y-auto rounded-xl outline-none focus-visible:ring-2 focus-visible:ring-ring"
    >
      <h2 id={headingId} className="sr-only">
        Conversation
      </h2>
      <div className="mx-auto flex w-full max-w-3xl flex-col gap-6 px-1 py-4 sm:px-2">
        {messages.length === 0 ? children : null}
        {messages.map((message) => {
          const isLast = message === last;
          return (
            <Message
              key={message.id}
              message={message}
              conversation={asksToSavePlaylist(message) ? messages : undefined}
              status={status}
              streaming={isLast && message.role === "assistant" && status === "streaming"}
              onApprovalResponse={onApprovalResponse}
              isLast={isLast}
              onRegenerate={isLast && message.role === "assistant" && status === "ready" ? onRegenerate : undefined}
            />
          );
        })}
        {thinking ? (
          <div data-testid="chat-thinking" className="flex items-center gap-1.5 self-start rounded-2xl rounded-bl-md bg-muted px-4 py-3">
            <span className="sr-only">The assistant is thinking…</span>
            {[0, 150, 300].map((delay) => (
              <span
                key={delay}
                aria-hidden="true"
                className="size-1.5 animate-bounce rounded-full bg-muted-foreground motion-reduce:animate-none"
                style={{ animationDelay: `${delay}ms` }}
              />
            ))}
          </div>
        ) : null}
      </div>
      <p role="status" aria-live="polite" aria-atomic="true" className="sr-only" data-testid="chat-announcer">
        {announcement}
      </p>
    </section>
  );
}
