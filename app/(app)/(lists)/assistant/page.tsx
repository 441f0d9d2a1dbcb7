import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { NewChat } from "@/components/chat/new-chat";
import { chatQueries } from "@/lib/assistant/client";
import { listChats } from "@/lib/assistant";
import { currentListener } from "@/lib/listener";

export const metadata: Metadata = { title: "Assistant" };

/** A new chat. Its id is chosen here; the chat is stored once its first message is sent. */
export default async function NewChatPage() {
  const listener = await currentListener();
  if (!listener) redirect("/sign-in");
  const id = crypto.randomUUID();
  const queryClient = new QueryClient();
  queryClient.setQueryData(chatQueries.list().queryKey, await listChats(listener.id));
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <NewChat id={id} />
    </HydrationBoundary>
  );
}
