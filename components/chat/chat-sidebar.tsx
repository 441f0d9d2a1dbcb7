"use client";

import { useQuery } from "@tanstack/react-query";
import { MessageSquarePlusIcon } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useId, useRef } from "react";
import { Button } from "@/components/ui/button";
import { chatQueries } from "@/lib/assistant/client";
import { ChatRow } from "./chat-row";
import { QueryError } from "@/components/ui/query-error";

/** The listener's chats, newest first, with a link to start a new one. */
export function ChatSidebar({ onNavigate }: { onNavigate?: () => void }) {
  const chats = useQuery(chatQueries.list());
  const pathname = usePathname();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const list = chats.data ?? [];
  return (
    <nav aria-labelledby={headingId} className="flex min-h-0 flex-1 flex-col gap-3" data-testid="chat-sidebar">
      <Button asChild variant="outline" className="justify-start">
        <Link href="/assistant" onClick={onNavigate} data-testid="new-chat">
          <MessageSquarePlusIcon aria-hidden="true" />
          New chat
        </Link>
      </Button>
      <h2
        id={headingId}
        ref={heading}
        tabIndex={-1}
        className="px-3 text-xs font-medium tracking-wide text-muted-foreground uppercase outline-none"
      >
        Chats
      </h2>
      <QueryError error={chats.error} onRetry={() => void chats.refetch()} className="mx-3 px-3 py-2" />
      {chats.isSuccess && list.length === 0 ? (
        <p className="px-3 text-sm text-muted-foreground" data-testid="chats-empty">
          No chats yet. Ask something and the conversation is kept here.
        </p>
      ) : null}
      {chats.isPending ? <p className="px-3 text-sm text-muted-foreground">Loading your chats…</p> : null}
      {list.length > 0 ? (
        <ul className="-mx-1 flex min-h-0 flex-1 flex-col gap-0.5 overflow-y-auto px-1" data-testid="chat-list">
          {list.map((chat) => (
            <ChatRow
              key={chat.id}
              chat={chat}
              active={pathname === `/assistant/${chat.id}`}
              onNavigate={onNavigate}
              onDeleted={() => heading.current?.focus()}
            />
          ))}
        </ul>
      ) : null}
    </nav>
  );
}
