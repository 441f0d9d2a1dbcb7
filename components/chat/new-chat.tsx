"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Chat } from "./chat";

const NEW_CHAT_PATH = "/assistant";

/**
 * The new-chat page's chat. A chat begun here moves to its own address with `history.replaceState`
 * (so its stream is not interrupted), and the router keeps this page for that address. Going to
 * /assistant again ("New chat", the nav) then re-uses this page as it is: without a new id here,
 * the old conversation would stay on screen and take the next question. So each arrival at
 * /assistant starts a chat with a new id, and an address naming another chat (Back) loads that chat.
 */
export function NewChat({ id: serverId }: { id: string }) {
  const pathname = usePathname();
  const router = useRouter();
  // `arrivals` counts the returns to /assistant on this page: each gives the chat a new id.
  const [chat, setChat] = useState({ serverId, pathname, arrivals: 0 });

  let next = chat;
  if (serverId !== chat.serverId) next = { serverId, pathname, arrivals: 0 };
  else if (pathname !== chat.pathname) {
    const arrived = pathname === NEW_CHAT_PATH && chat.pathname !== NEW_CHAT_PATH;
    next = { ...chat, pathname, arrivals: chat.arrivals + (arrived ? 1 : 0) };
  }
  if (next !== chat) setChat(next);
  const id = next.arrivals === 0 ? serverId : `${serverId}-${next.arrivals}`;

  // Back to a chat's address shows this page (the router kept it for that address): ask the server for that chat.
  const elsewhere = pathname !== NEW_CHAT_PATH && pathname !== `${NEW_CHAT_PATH}/${id}`;
  useEffect(() => {
    if (elsewhere) router.refresh();
  }, [elsewhere, router]);

  return <Chat key={id} id={id} initialMessages={[]} />;
}
