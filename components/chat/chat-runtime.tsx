"use client";

/**
 * The chat's runtime: `useChat`, its transport and the AI SDK's stream parsing (with zod). It is the
 * heaviest part of the assistant page, so chat.tsx imports it only once the listener turns to the
 * chat (focus, a click, a key) and shows the conversation without it until then. It renders nothing:
 * it hands the live state and actions to the chat on screen, which keeps its own elements (and the
 * text being typed) throughout.
 */
import { useChat, type UseChatHelpers } from "@ai-sdk/react";
import { DefaultChatTransport, lastAssistantMessageIsCompleteWithApprovalResponses } from "ai";
import { useLayoutEffect, useRef } from "react";
import type { ChatMessage } from "@/lib/assistant/client";
import { readDiscoverDraft } from "./discover-draft";

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

/** The live chat: its messages and status, and what can be done with it. */
export type LiveChat = Pick<
  UseChatHelpers<ChatMessage>,
  "messages" | "status" | "error" | "sendMessage" | "regenerate" | "stop" | "addToolApprovalResponse"
>;

export interface ChatFinish {
  message: ChatMessage;
  isAbort: boolean;
  isError: boolean;
}

export function ChatRuntime({
  id,
  initialMessages,
  onChange,
  onFinish,
}: {
  id: string;
  initialMessages: ChatMessage[];
  /** Called with the live chat once it is ready and after every change. */
  onChange: (live: LiveChat) => void;
  onFinish: (finish: ChatFinish) => void;
}) {
  // The chat keeps the callbacks it was created with: these refs reach the newest ones.
  const handlers = useRef({ onChange, onFinish });
  useLayoutEffect(() => {
    handlers.current = { onChange, onFinish };
  });

  const { messages, status, error, sendMessage, regenerate, stop, addToolApprovalResponse } = useChat<ChatMessage>({
    id,
    messages: initialMessages,
    transport,
    generateId: newMessageId,
    throttle: 50,
    // After Save to Spotify or Cancel, the answer continues on its own.
    sendAutomaticallyWhen: lastAssistantMessageIsCompleteWithApprovalResponses,
    onFinish: ({ message, isAbort, isError }) => handlers.current.onFinish({ message, isAbort, isError }),
  });

  // Before paint, so the chat on screen never lags a frame behind.
  useLayoutEffect(() => {
    handlers.current.onChange({ messages, status, error, sendMessage, regenerate, stop, addToolApprovalResponse });
  }, [messages, status, error, sendMessage, regenerate, stop, addToolApprovalResponse]);

  return null;
}
