/**
 * Rules for stored chat messages, pure so they are unit-tested: what the browser may change in an
 * answer (its approvals), what a stopped turn leaves behind, and which answers may be cached.
 */
import { AppError } from "@/lib/errors";
import type { ChatMessage } from "./types";

/**
 * Side effects (playback, saving) and failures are not answers to hand out again (research that
 * found no answer included), nor answers from the Discover draft: the cache key knows the question
 * and the plays, not what the draft holds.
 */
export function cacheable(message: ChatMessage): boolean {
  return message.parts.every((part) => {
    if (part.type === "tool-playback" || part.type === "tool-savePlaylist" || part.type === "tool-discoverDraft") return false;
    if ("state" in part && (part.state === "output-error" || part.state === "approval-requested")) return false;
    // Research that did not answer (off, a spent budget, a busy service) may answer in a moment.
    if (part.type === "tool-researchArtist" && part.state === "output-available" && part.output.status !== "answered") return false;
    return true;
  });
}

/**
 * A turn stopped midway leaves tool calls without results; stored so, they would break every
 * later turn of the chat (the model needs a result for each call). They are kept as stopped.
 */
export function settleToolCalls(message: ChatMessage): ChatMessage {
  if (message.role !== "assistant") return message;
  const open = new Set(["input-streaming", "input-available", "approval-responded"]);
  return {
    ...message,
    parts: message.parts.map((part) =>
      "state" in part && "toolCallId" in part && open.has(part.state)
        ? ({ ...part, state: "output-error", errorText: "Stopped before it finished.", input: part.input ?? {} } as typeof part)
        : part,
    ),
  };
}

type ApprovalState = { type: string; toolCallId?: string; state?: string; approval?: { id: string; approved?: boolean; reason?: string } };

/** The stored assistant message, with the listener's approve or decline of each pending tool call applied. */
export function withApprovals(stored: ChatMessage | undefined, sent: ChatMessage): ChatMessage {
  if (!stored || stored.role !== "assistant")
    throw new AppError("not_found", { detail: "That answer is not part of this chat. Reload the chat and try again." });
  const answers = new Map<string, { approved: boolean; reason?: string }>();
  for (const part of sent.parts as ApprovalState[]) {
    if (part.state === "approval-responded" && part.approval && typeof part.approval.approved === "boolean") {
      answers.set(part.approval.id, {
        approved: part.approval.approved,
        ...(typeof part.approval.reason === "string" ? { reason: part.approval.reason.slice(0, 300) } : {}),
      });
    }
  }
  let applied = 0;
  const parts = stored.parts.map((part) => {
    const pending = part as ApprovalState;
    const answer = pending.state === "approval-requested" && pending.approval ? answers.get(pending.approval.id) : undefined;
    if (!answer) return part;
    applied++;
    return { ...part, state: "approval-responded", approval: { id: pending.approval!.id, ...answer } } as typeof part;
  });
  if (applied === 0)
    throw new AppError("conflict", { detail: "Nothing in that answer waits for your approval any more. Reload the chat." });
  return { ...stored, parts };
}

/** The approval requests of `stored` that `answered` answers (what a continuation must claim). */
export function answeredApprovalIds(stored: ChatMessage, answered: ChatMessage): string[] {
  const waiting = new Set(
    (stored.parts as ApprovalState[])
      .filter((part) => part.state === "approval-requested" && part.approval)
      .map((part) => part.approval!.id),
  );
  return (answered.parts as ApprovalState[])
    .filter((part) => part.state === "approval-responded" && part.approval && waiting.has(part.approval.id))
    .map((part) => part.approval!.id);
}
