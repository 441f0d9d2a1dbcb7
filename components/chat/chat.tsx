"use client";

import { useChat } from "@ai-sdk/react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { DefaultChatTransport, lastAssistantMessageIsCompleteWithApprovalResponses } from "ai";
import { AlertTriangleIcon, MessageCircleIcon, PanelLeftIcon, RotateCcwIcon } from "lucide-react";
import { useCallback, useState } from "react";
import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { chatQueries } from "@/lib/assistant/client";
import type { ChatMessage } from "@/lib/assistant/client";
import { ChatSidebar } from "./chat-sidebar";
import { Composer } from "./composer";
import { readDiscoverDraft } from "./discover-draft";
import { announcementFor, chatErrorText } from "./format";
import { Messages } from "./messages";
import { SuggestedPrompts } from "./suggested-prompts";

// The server keeps the history: each request carries only the newest message. A question also
// carries the listener's Discover draft as it is now (it lives in this browser), so the assistant
// can show and save it; an approval sends back an answer that already shows the draft, and stays
// well inside the chat's body limit without a second copy.
const transport = new DefaultChatTransport<ChatMessage>({
  api: "/api/chat",
  prepareSendMessagesRequest: ({ id, messages, trigger, messageId }) => {
    const message = messages.at(-1);
    return { body: { id, message, trigger, messageId, ...(message?.role === "user" ? { draft: readDiscoverDraft() } : {}) } };
  },
});

const newMessageId = () => crypto.randomUUID();

/**
 * Keeps keyboard focus in the chat when the control that was used disappears (a suggested prompt,
 * Save to Spotify, Regenerate, Retry): the message box takes it, as it would after typing.
 */
function focusComposer() {
  requestAnimationFrame(() => document.querySelector<HTMLTextAreaElement>('[data-testid="composer-input"]')?.focus());
}

/** One conversation with the assistant, beside the list of the listener's chats. */
export function Chat({ id, initialMessages, initialTitle }: { id: string; initialMessages: ChatMessage[]; initialTitle?: string }) {
  const client = useQueryClient();
  const [announcement, setAnnouncement] = useState("");
  const [chatsOpen, setChatsOpen] = useState(false);
  const chats = useQuery(chatQueries.list());
  const title = chats.data?.find((chat) => chat.id === id)?.title ?? initialTitle ?? "New chat";

  const { messages, sendMessage, status, error, stop, regenerate, addToolApprovalResponse } = useChat<ChatMessage>({
    id,
    messages: initialMessages,
    transport,
    generateId: newMessageId,
    throttle: 50,
    // After Save to Spotify or Cancel, the answer continues on its own.
    sendAutomaticallyWhen: lastAssistantMessageIsCompleteWithApprovalResponses,
    onFinish: ({ message, isAbort, isError }) => {
      // A first answer creates the chat and its title; a later one moves it to the top.
      void client.invalidateQueries({ queryKey: chatQueries.all });
      if (isError) return;
      setAnnouncement(isAbort ? "Stopped." : announcementFor(message));
    },
  });

  const send = (text: string) => {
    // From the first message on, this chat has its own address: a reload keeps it.
    const path = `/assistant/${id}`;
    if (window.location.pathname !== path) window.history.replaceState(null, "", path);
    setAnnouncement("");
    focusComposer();
    void sendMessage({ text });
  };

  const regenerateLast = useCallback(() => {
    const last = messages.at(-1);
    setAnnouncement("");
    focusComposer();
    void regenerate(last?.role === "assistant" ? { messageId: last.id } : undefined);
  }, [messages, regenerate]);

  // Retry: an approval that did not get through is sent again (not a new question, not a second draft).
  const retry = useCallback(() => {
    const last = messages.at(-1);
    const approvalPending = last?.role === "assistant" && last.parts.some((part) => "state" in part && part.state === "approval-responded");
    if (!approvalPending) return regenerateLast();
    setAnnouncement("");
    focusComposer();
    void sendMessage();
  }, [messages, regenerateLast, sendMessage]);

  const respondToApproval = useCallback(
    (approvalId: string, approved: boolean) => {
      focusComposer();
      void addToolApprovalResponse({ id: approvalId, approved });
    },
    [addToolApprovalResponse],
  );

  const busy = status === "submitted" || status === "streaming";
  return (
    <div className="flex h-[calc(100dvh-8rem)] min-h-[26rem] gap-6" data-testid="chat" data-status={status}>
      <div className="hidden w-60 shrink-0 flex-col md:flex">
        <ChatSidebar />
      </div>

      <div className="flex min-w-0 flex-1 flex-col">
        <div className="flex items-center gap-2 border-b pb-3">
          <Sheet open={chatsOpen} onOpenChange={setChatsOpen}>
            <SheetTrigger asChild>
              <Button variant="outline" size="sm" className="md:hidden" data-testid="chats-toggle">
                <PanelLeftIcon aria-hidden="true" />
                Chats
              </Button>
            </SheetTrigger>
            <SheetContent side="left" aria-describedby={undefined}>
              <SheetTitle>Your chats</SheetTitle>
              <ChatSidebar onNavigate={() => setChatsOpen(false)} />
            </SheetContent>
          </Sheet>
          <h1 className="min-w-0 truncate text-lg font-semibold" data-testid="chat-title">
            <span className="sr-only">Assistant: </span>
            {title}
          </h1>
        </div>

        <Messages
          messages={messages}
          status={status}
          announcement={announcement}
          onApprovalResponse={respondToApproval}
          onRegenerate={regenerateLast}
        >
          <div className="flex flex-col items-center gap-6 py-8 text-center" data-testid="chat-empty">
            <span className="flex size-12 items-center justify-center rounded-full bg-accent text-accent-foreground">
              <MessageCircleIcon className="size-6" aria-hidden="true" />
            </span>
            <div>
              <h2 className="text-lg font-semibold">Ask about your listening</h2>
              <p className="mt-1 max-w-md text-sm text-muted-foreground">
                Answers come from your own plays. Ask for stats, recommendations or a playlist; nothing is saved to Spotify until you say
                so.
              </p>
            </div>
            <div className="w-full max-w-xl">
              <SuggestedPrompts onSelect={send} disabled={busy} />
            </div>
          </div>
        </Messages>

        {status === "error" && error ? (
          <div
            role="alert"
            data-testid="chat-error"
            className="mx-auto mt-2 flex w-full max-w-3xl flex-wrap items-center gap-x-3 gap-y-2 rounded-lg border border-destructive/40 bg-destructive/5 px-3 py-2 text-sm"
          >
            <AlertTriangleIcon className="size-4 shrink-0 text-destructive" aria-hidden="true" />
            <p className="min-w-0 flex-1">{chatErrorText(error)}</p>
            <Button type="button" size="sm" variant="outline" className="h-8" onClick={retry}>
              <RotateCcwIcon aria-hidden="true" />
              Retry
            </Button>
          </div>
        ) : null}

        <Composer status={status} onSend={send} onStop={() => void stop()} />
      </div>
    </div>
  );
}
