/**
 * The client-safe part of the assistant's chats: TanStack Query options shared by the server
 * prefetch and the sidebar, and the chat edits. Only types come from the server side.
 */
import { mutationOptions, queryOptions } from "@tanstack/react-query";
import { fetchJson, idempotentRetry, ProblemError } from "@/lib/http/client";
import type { ChatMessage, ChatSummary } from "./types";

export type * from "./types";
export { isToolName, MESSAGE_MAX_CHARS, OFFLINE_MODEL_ID, SUGGESTED_PROMPTS } from "./types";
export { DISCOVER_DRAFT_MAX_NAME, DISCOVER_DRAFT_MAX_TRACKS } from "./draft-track";

/** A chat with its messages, as `GET /api/chats/[id]` answers. */
export interface ChatDetail {
  id: string;
  title: string;
  messages: ChatMessage[];
}

/** Every chat query: `chatQueries.all` is the key prefix of them all. */
export const chatQueries = {
  all: ["chats"] as const,
  list: () =>
    queryOptions({
      queryKey: [...chatQueries.all, "list"] as const,
      queryFn: async ({ signal }) =>
        (await fetchJson<{ chats: ChatSummary[] }>("/api/chats", { signal, fallback: "Your chats could not be loaded. Try again." })).chats,
      staleTime: 30_000,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: [...chatQueries.all, "detail", id] as const,
      queryFn: ({ signal }) =>
        fetchJson<ChatDetail>(`/api/chats/${encodeURIComponent(id)}`, { signal, fallback: "The chat could not be loaded. Try again." }),
      staleTime: 30_000,
    }),
};

/** Chat edits. Both are idempotent (the same title again, a chat already gone), so they may retry. */
export const chatMutations = {
  rename: (id: string) =>
    mutationOptions({
      mutationKey: [...chatQueries.all, "rename", id] as const,
      // In order: a retried rename cannot overwrite the one typed after it.
      scope: { id: `chat-rename:${id}` },
      mutationFn: (title: string) =>
        fetchJson<{ id: string; title: string }>(`/api/chats/${encodeURIComponent(id)}`, {
          method: "PATCH",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ title }),
          fallback: "The chat could not be renamed. Try again.",
        }),
      ...idempotentRetry,
    }),
  delete: (id: string) =>
    mutationOptions({
      mutationKey: [...chatQueries.all, "delete", id] as const,
      mutationFn: async () => {
        try {
          await fetchJson<void>(`/api/chats/${encodeURIComponent(id)}`, {
            method: "DELETE",
            fallback: "The chat could not be deleted. Try again.",
          });
        } catch (error) {
          // Already gone is what the listener wanted (and what a retried delete finds).
          if (!(error instanceof ProblemError && error.status === 404)) throw error;
        }
      },
      ...idempotentRetry,
    }),
};
