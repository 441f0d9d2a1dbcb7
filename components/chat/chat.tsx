"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ChatStatus } from "ai";
import { AlertTriangleIcon, MessageCircleIcon, PanelLeftIcon, RotateCcwIcon } from "lucide-react";
import { useCallback, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { chatQueries } from "@/lib/assistant/client";
import type { ChatMessage } from "@/lib/assistant/client";
import type { ChatFinish, ChatRuntime as ChatRuntimeComponent, LiveChat } from "./chat-runtime";
import { ChatSidebar } from "./chat-sidebar";
import { Composer } from "./composer";
import { announcementFor, chatErrorText } from "./format";
import { Messages } from "./messages";
import { SuggestedPrompts } from "./suggested-prompts";

// The runtime (useChat, the transport, the AI SDK with zod) is loaded once per page load, on the
// listener's first interaction with a chat; every chat after that starts with it.
let runtimeModule: Promise<typeof ChatRuntimeComponent> | null = null;
let loadedRuntime: typeof ChatRuntimeComponent | null = null;

function loadRuntime(): Promise<typeof ChatRuntimeComponent> {
  runtimeModule ??= import("./chat-runtime").then(
    (module) => (loadedRuntime = module.ChatRuntime),
    (error: unknown) => {
      // A failed download can be tried again.
      runtimeModule = null;
      throw error;
    },
  );
  return runtimeModule;
}

const RUNTIME_ERROR = "The assistant could not be loaded. Check your connection and try again.";

/**
 * Keeps keyboard focus in the chat when the control that was used disappears (a suggested prompt,
 * Save to Spotify, Regenerate, Retry): the message box takes it, as it would after typing.
 */
function focusComposer() {
  requestAnimationFrame(() => document.querySelector<HTMLTextAreaElement>('[data-testid="composer-input"]')?.focus());
}

/**
 * One conversation with the assistant, beside the list of the listener's chats. The conversation
 * and the composer show at once, from the stored messages; the runtime that sends and streams
 * (chat-runtime.tsx) loads on the first focus, click or key press here. What is asked of it before
 * then (a message sent, a card's answer, Regenerate) waits for it and goes as soon as it is ready.
 */
export function Chat({ id, initialMessages, initialTitle }: { id: string; initialMessages: ChatMessage[]; initialTitle?: string }) {
  const client = useQueryClient();
  const [announcement, setAnnouncement] = useState("");
  const [chatsOpen, setChatsOpen] = useState(false);
  const chats = useQuery(chatQueries.list());
  const title = chats.data?.find((chat) => chat.id === id)?.title ?? initialTitle ?? "New chat";

  const [Runtime, setRuntime] = useState(() => loadedRuntime);
  const [live, setLive] = useState<LiveChat | null>(null);
  const [runtimeFailed, setRuntimeFailed] = useState(false);
  // What was asked before the runtime was ready, in order.
  const waiting = useRef<((live: LiveChat) => void)[]>([]);
  const [queued, setQueued] = useState(false);
  const liveRef = useRef<LiveChat | null>(null);

  const start = useCallback(() => {
    if (Runtime) return;
    setRuntimeFailed(false);
    loadRuntime().then(
      (component) => setRuntime(() => component),
      () => setRuntimeFailed(true),
    );
  }, [Runtime]);

  // Focus already inside the chat when it hydrates (typed into before the page's script ran).
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (root.current?.contains(document.activeElement) && document.activeElement !== document.body) start();
  }, [start]);

  const withLive = useCallback(
    (action: (live: LiveChat) => void) => {
      if (liveRef.current) return action(liveRef.current);
      waiting.current.push(action);
      setQueued(true);
      start();
    },
    [start],
  );

  const onChange = useCallback((next: LiveChat) => {
    liveRef.current = next;
    setLive(next);
    const actions = waiting.current.splice(0);
    if (actions.length === 0) return;
    setQueued(false);
    for (const action of actions) action(next);
  }, []);

  const onFinish = useCallback(
    ({ message, isAbort, isError }: ChatFinish) => {
      // A first answer creates the chat and its title; a later one moves it to the top.
      void client.invalidateQueries({ queryKey: chatQueries.all });
      if (isError) return;
      setAnnouncement(isAbort ? "Stopped." : announcementFor(message));
    },
    [client],
  );

  const messages = live?.messages ?? initialMessages;
  const status: ChatStatus = live?.status ?? (queued && !runtimeFailed ? "submitted" : "ready");
  const error = live?.error;

  const send = (text: string) => {
    // From the first message on, this chat has its own address: a reload keeps it.
    const path = `/assistant/${id}`;
    if (window.location.pathname !== path) window.history.replaceState(null, "", path);
    setAnnouncement("");
    focusComposer();
    withLive((chat) => void chat.sendMessage({ text }));
  };

  const stop = () => {
    if (liveRef.current) return void liveRef.current.stop();
    // Nothing has gone out yet: what was waiting is dropped.
    waiting.current = [];
    setQueued(false);
  };

  const regenerateLast = useCallback(() => {
    setAnnouncement("");
    focusComposer();
    withLive((chat) => {
      const last = chat.messages.at(-1);
      void chat.regenerate(last?.role === "assistant" ? { messageId: last.id } : undefined);
    });
  }, [withLive]);

  // Retry: an approval that did not get through is sent again (not a new question, not a second draft).
  const retry = useCallback(() => {
    const last = messages.at(-1);
    const approvalPending = last?.role === "assistant" && last.parts.some((part) => "state" in part && part.state === "approval-responded");
    if (!approvalPending) return regenerateLast();
    setAnnouncement("");
    focusComposer();
    withLive((chat) => void chat.sendMessage());
  }, [messages, regenerateLast, withLive]);

  const respondToApproval = useCallback(
    (approvalId: string, approved: boolean) => {
      focusComposer();
      withLive((chat) => void chat.addToolApprovalResponse({ id: approvalId, approved }));
    },
    [withLive],
  );

  // The runtime did not arrive for something the listener asked: Retry fetches it again.
  const runtimeMissing = runtimeFailed && queued;
  const errorText = runtimeMissing ? RUNTIME_ERROR : status === "error" && error ? chatErrorText(error) : null;
  const busy = status === "submitted" || status === "streaming";
  return (
    <div ref={root} className="flex h-[calc(100dvh-8rem)] min-h-[26rem] gap-6" data-testid="chat" data-status={status}>
      {Runtime ? <Runtime id={id} initialMessages={initialMessages} onChange={onChange} onFinish={onFinish} /> : null}
      <div className="hidden w-60 shrink-0 flex-col md:flex">
        <ChatSidebar />
      </div>

      {/* The first focus, click or key press in the conversation or the composer loads the runtime. */}
      <div className="flex min-w-0 flex-1 flex-col" onFocusCapture={start} onPointerDownCapture={start} onKeyDownCapture={start}>
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

        {errorText ? (
          <div
            role="alert"
            data-testid="chat-error"
            className="mx-auto mt-2 flex w-full max-w-3xl flex-wrap items-center gap-x-3 gap-y-2 rounded-lg border border-destructive/40 bg-destructive/5 px-3 py-2 text-sm"
          >
            <AlertTriangleIcon className="size-4 shrink-0 text-destructive" aria-hidden="true" />
            <p className="min-w-0 flex-1">{errorText}</p>
            <Button type="button" size="sm" variant="outline" className="h-8" onClick={runtimeMissing ? start : retry}>
              <RotateCcwIcon aria-hidden="true" />
              Retry
            </Button>
          </div>
        ) : null}

        <Composer status={status} onSend={send} onStop={stop} />
      </div>
    </div>
  );
}
