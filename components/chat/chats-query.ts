/** The listener's chat list: TanStack Query options shared by the server prefetch and the sidebar, and its edits. Client-safe. */
import { queryOptions } from "@tanstack/react-query";
import type { ChatSummary } from "@/lib/assistant/types";

export const chatKeys = {
  list: ["chats", "list"] as const,
};

async function problemText(response: Response, fallback: string): Promise<string> {
  const problem = (await response.json().catch(() => null)) as { detail?: string; title?: string } | null;
  return problem?.detail ?? problem?.title ?? fallback;
}

export function chatsQuery() {
  return queryOptions({
    queryKey: chatKeys.list,
    queryFn: async ({ signal }): Promise<ChatSummary[]> => {
      const response = await fetch("/api/chats", { signal, headers: { accept: "application/json" } });
      if (!response.ok) throw new Error(await problemText(response, `Your chats could not be loaded (HTTP ${response.status}).`));
      return ((await response.json()) as { chats: ChatSummary[] }).chats;
    },
    staleTime: 30_000,
  });
}

export async function renameChatRequest(id: string, title: string): Promise<{ id: string; title: string }> {
  const response = await fetch(`/api/chats/${encodeURIComponent(id)}`, {
    method: "PATCH",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ title }),
  });
  if (!response.ok) throw new Error(await problemText(response, "The chat could not be renamed. Try again."));
  return (await response.json()) as { id: string; title: string };
}

export async function deleteChatRequest(id: string): Promise<void> {
  const response = await fetch(`/api/chats/${encodeURIComponent(id)}`, { method: "DELETE" });
  // Already gone is what the listener wanted.
  if (!response.ok && response.status !== 404) throw new Error(await problemText(response, "The chat could not be deleted. Try again."));
}
