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
  const [chat, setChat] = useState({ serverId, pathname, arrivals: 0, id: serverId });

  let next = chat;
  if (pathname !== chat.pathname) {
    const arrived = pathname === NEW_CHAT_PATH && chat.pathname !== NEW_CHAT_PATH;
    if (serverId !== chat.serverId) next = { serverId, pathname, arrivals: 0, id: serverId };
    else if (arrived) {
      const arrivals = chat.arrivals + 1;
      next = { serverId, pathname, arrivals, id: `${serverId}-${arrivals}` };
    } else next = { ...chat, pathname };
  } else if (serverId !== chat.serverId) {
    // The same address rendered again (router.refresh() after the browser's time zone is adopted
    // at first sign-in, a server action): the chat on screen goes on, with the question being
    // typed. A new id here remounted the chat and wiped it.
    next = { ...chat, serverId };
  }
  if (next !== chat) setChat(next);
  const id = next.id;

  // Back to a chat's address shows this page (the router kept it for that address): ask the server for that chat.
  const elsewhere = pathname !== NEW_CHAT_PATH && pathname !== `${NEW_CHAT_PATH}/${id}`;
  useEffect(() => {
    if (elsewhere) router.refresh();
  }, [elsewhere, router]);

  return <Chat key={id} id={id} initialMessages={[]} />;
}
