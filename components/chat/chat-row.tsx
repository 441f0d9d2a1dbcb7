"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { PencilIcon, Trash2Icon } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { chatMutations, chatQueries, type ChatSummary } from "@/lib/assistant/client";
import { cn } from "@/lib/utils";

export const CHAT_TITLE_MAX_LENGTH = 100;

type Mode = "view" | "rename" | "confirm-delete";

/** One chat in the list: a link, and its rename and delete controls (each a mode of the row). */
export function ChatRow({
  chat,
  active,
  onNavigate,
  onDeleted,
}: {
  chat: ChatSummary;
  active: boolean;
  onNavigate?: () => void;
  onDeleted: () => void;
}) {
  const client = useQueryClient();
  const router = useRouter();
  const [mode, setMode] = useState<Mode>("view");
  const renameButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const inputId = useId();
  const errorId = useId();

  useEffect(() => {
    if (mode === "view" && returnFocus.current) {
      returnFocus.current = false;
      renameButton.current?.focus();
    }
  }, [mode]);

  const rename = useMutation({
    ...chatMutations.rename(chat.id),
    onSuccess: (renamed) => {
      client.setQueryData(chatQueries.list().queryKey, (chats) =>
        chats?.map((each) => (each.id === renamed.id ? { ...each, title: renamed.title } : each)),
      );
      returnFocus.current = true;
      setMode("view");
    },
  });

  const remove = useMutation({
    ...chatMutations.delete(chat.id),
    onSuccess: () => {
      client.setQueryData(chatQueries.list().queryKey, (chats) => chats?.filter((each) => each.id !== chat.id));
      void client.invalidateQueries({ queryKey: chatQueries.all });
      onDeleted();
      if (active) router.push("/assistant");
    },
  });

  const leave = () => {
    rename.reset();
    remove.reset();
    returnFocus.current = true;
    setMode("view");
  };

  const escapeLeaves = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      // Handled here: the composer's Escape (stop the answer) must not fire too.
      event.preventDefault();
      leave();
    }
  };

  if (mode === "rename") {
    const onSubmit = (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      const title = String(new FormData(event.currentTarget).get("title") ?? "").trim();
      if (!title || title === chat.title) {
        leave();
        return;
      }
      rename.mutate(title);
    };
    return (
      <li className="rounded-md bg-accent/40 p-2" data-testid="chat-item" data-chat-id={chat.id}>
        <form onSubmit={onSubmit} onKeyDown={escapeLeaves} className="flex flex-col gap-2">
          <label htmlFor={inputId} className="sr-only">
            Chat title
          </label>
          <input
            id={inputId}
            name="title"
            defaultValue={chat.title}
            maxLength={CHAT_TITLE_MAX_LENGTH}
            required
            autoFocus
            onFocus={(event) => event.currentTarget.select()}
            aria-invalid={rename.isError || undefined}
            aria-describedby={rename.isError ? errorId : undefined}
            data-testid="chat-title-input"
            className="h-9 w-full rounded-md border bg-background px-2 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring"
          />
          {rename.isError ? (
            <p id={errorId} role="alert" className="text-xs">
              {rename.error.message}
            </p>
          ) : null}
          <div className="flex gap-2">
            <Button type="submit" size="sm" className="h-8" disabled={rename.isPending}>
              Save
            </Button>
            <Button type="button" size="sm" variant="ghost" className="h-8" onClick={leave}>
              Cancel
            </Button>
          </div>
        </form>
      </li>
    );
  }

  if (mode === "confirm-delete") {
    return (
      <li className="rounded-md border border-destructive/40 p-2" data-testid="chat-item" data-chat-id={chat.id} onKeyDown={escapeLeaves}>
        <p className="text-sm">
          Delete <span className="font-medium">“{chat.title}”</span>? Its messages go too.
        </p>
        {remove.isError ? (
          <p role="alert" className="mt-1 text-xs">
            {remove.error.message}
          </p>
        ) : null}
        <div className="mt-2 flex gap-2">
          <Button type="button" size="sm" variant="destructive" className="h-8" disabled={remove.isPending} onClick={() => remove.mutate()}>
            Yes, delete
          </Button>
          {/* The safe choice takes focus first. */}
          <Button type="button" size="sm" variant="ghost" className="h-8" autoFocus onClick={leave}>
            Keep
          </Button>
        </div>
      </li>
    );
  }

  return (
    <li className="group relative flex items-center rounded-md" data-testid="chat-item" data-chat-id={chat.id}>
      <Link
        href={`/assistant/${chat.id}`}
        onClick={onNavigate}
        aria-current={active ? "page" : undefined}
        title={chat.title}
        className={cn(
          "min-w-0 flex-1 truncate rounded-md py-2 pr-18 pl-3 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring",
          active ? "bg-accent font-medium text-accent-foreground" : "text-muted-foreground hover:bg-accent/60 hover:text-foreground",
        )}
      >
        {chat.title}
      </Link>
      <div
        className={cn(
          "absolute right-1 flex gap-0.5 transition-opacity md:opacity-0 md:group-focus-within:opacity-100 md:group-hover:opacity-100",
          active && "md:opacity-100",
        )}
      >
        <Button
          ref={renameButton}
          type="button"
          variant="ghost"
          size="icon"
          className="size-8"
          aria-label={`Rename ${chat.title}`}
          onClick={() => setMode("rename")}
        >
          <PencilIcon aria-hidden="true" />
        </Button>
        <Button
          type="button"
          variant="ghost"
          size="icon"
          className="size-8"
          aria-label={`Delete ${chat.title}`}
          onClick={() => setMode("confirm-delete")}
        >
          <Trash2Icon aria-hidden="true" />
        </Button>
      </div>
    </li>
  );
}
