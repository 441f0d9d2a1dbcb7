import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { Chat } from "@/components/chat/chat";
import { chatQueries } from "@/lib/assistant/client";
import { listChats, loadChat } from "@/lib/assistant";
import { currentListener } from "@/lib/listener";

// Metadata and the page read the same chat once per request.
const chatFor = cache(async (id: string) => {
  const listener = await currentListener();
  if (!listener) redirect("/sign-in");
  // Another listener's chat is not found, exactly like one that never existed.
  return { listener, chat: await loadChat(listener.id, id) };
});

export async function generateMetadata({ params }: PageProps<"/assistant/[id]">): Promise<Metadata> {
  const { chat } = await chatFor((await params).id);
  return { title: chat ? `${chat.title} · Assistant` : "Assistant" };
}

export default async function ChatPage({ params }: PageProps<"/assistant/[id]">) {
  const { listener, chat } = await chatFor((await params).id);
  if (!chat) notFound();
  const queryClient = new QueryClient();
  queryClient.setQueryData(chatQueries.list().queryKey, await listChats(listener.id));
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <Chat key={chat.id} id={chat.id} initialMessages={chat.messages} initialTitle={chat.title} />
    </HydrationBoundary>
  );
}
