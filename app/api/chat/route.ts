import { z } from "zod";
import { ASSISTANT_LIMITS } from "@/lib/assistant/config";
import { chatTurn } from "@/lib/assistant/server";
import type { ChatMessage } from "@/lib/assistant/types";
import { route } from "@/lib/http";
import { requireCurrentListener } from "@/lib/listener";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

const part = z.looseObject({ type: z.string().min(1).max(100) });
const body = z.object({
  /** The chat's id (made by the client for a new chat). */
  id: z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, "must be 8 to 100 letters, digits, _ or -"),
  /** Only the new message: the server keeps the history. */
  message: z.looseObject({
    id: z.string().min(1).max(100),
    role: z.enum(["user", "assistant"]),
    parts: z
      .array(part)
      .min(1)
      .max(200)
      .refine((parts) => parts.every((entry) => entry.type !== "text" || typeof entry.text !== "string" || entry.text.length <= ASSISTANT_LIMITS.maxMessageChars), {
        message: `a message has at most ${ASSISTANT_LIMITS.maxMessageChars} characters`,
      }),
  }),
  trigger: z.enum(["submit-message", "regenerate-message"]).default("submit-message"),
  messageId: z.string().max(100).optional(),
});

/** One turn of a chat with the assistant, streamed as AI SDK UI message chunks. */
export const POST = route({ body }, async ({ body, request }) => {
  const listener = await requireCurrentListener();
  return chatTurn(listener, { id: body.id, message: body.message as unknown as ChatMessage, trigger: body.trigger, messageId: body.messageId }, request.signal);
});
