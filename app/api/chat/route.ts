import { chatTurn } from "@/lib/assistant";
import type { ChatMessage } from "@/lib/assistant";
import { KB, route } from "@/lib/http";
import { chatBody } from "./schema";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

/** One turn of a chat with the assistant, streamed as AI SDK UI message chunks. */
export const POST = route({ auth: "listener", body: chatBody, bodyLimit: 64 * KB }, async ({ listener, body, request }) => {
  return chatTurn(
    listener,
    { id: body.id, message: body.message as unknown as ChatMessage, trigger: body.trigger, messageId: body.messageId, draft: body.draft },
    request.signal,
  );
});
