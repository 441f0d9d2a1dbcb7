import "server-only";
import { chatsRepository, getStore } from "@/lib/db";
import type { ChatMessage, ChatSummary } from "./types";

/** The listener's chats, newest first. */
export async function listChats(userId: string): Promise<ChatSummary[]> {
  const chats = await chatsRepository(await getStore()).list(userId);
  return chats.map((chat) => ({ id: chat._id, title: chat.title, updatedAt: chat.updatedAt.toISOString() }));
}

/** A chat with its messages, or null when it does not exist or is another listener's. */
export async function loadChat(userId: string, chatId: string): Promise<{ id: string; title: string; messages: ChatMessage[] } | null> {
  const repository = chatsRepository(await getStore());
  const chat = await repository.find(userId, chatId);
  if (!chat) return null;
  const messages = await repository.messages(userId, chatId);
  return { id: chat._id, title: chat.title, messages: messages.map((document) => document.message as unknown as ChatMessage) };
}

export async function renameChat(userId: string, chatId: string, title: string): Promise<boolean> {
  return chatsRepository(await getStore()).rename(userId, chatId, title);
}

export async function deleteChat(userId: string, chatId: string): Promise<boolean> {
  return chatsRepository(await getStore()).remove(userId, chatId);
}

/** A chat's title from its first question: the first line, at most 60 characters. */
export function titleFrom(text: string): string {
  const line = text.trim().split("\n")[0]?.trim() ?? "";
  if (line.length === 0) return "New chat";
  return line.length > 60 ? `${line.slice(0, 57).trimEnd()}…` : line;
}
