"use client";

import { MESSAGE_MAX_CHARS } from "@/lib/assistant/client";
import type { ChatStatus } from "ai";
import { ArrowUpIcon, SquareIcon } from "lucide-react";
import { useEffect, useEffectEvent, useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";

/** Longest message accepted; the server also checks. */
export const MESSAGE_MAX_LENGTH = MESSAGE_MAX_CHARS;

function typingElsewhere(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest("input, textarea, select, [contenteditable='true'], [role='textbox']") !== null;
}

/**
 * The message box. Enter sends, Shift+Enter starts a new line, Escape stops an answer, and "/"
 * anywhere outside a text field jumps here.
 */
export function Composer({ status, onSend, onStop }: { status: ChatStatus; onSend: (text: string) => void; onStop: () => void }) {
  const [text, setText] = useState("");
  const field = useRef<HTMLTextAreaElement>(null);
  const fieldId = useId();
  const hintId = useId();
  const busy = status === "submitted" || status === "streaming";
  const canSend = !busy && text.trim().length > 0;

  const send = () => {
    if (!canSend) return;
    onSend(text.trim());
    setText("");
  };

  const onShortcut = useEffectEvent((event: globalThis.KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing) return;
    if (event.key === "Escape" && busy) {
      // A dialog (the chats sheet) closes on Escape first.
      if (event.target instanceof Element && event.target.closest("[role='dialog']")) return;
      event.preventDefault();
      onStop();
    } else if (event.key === "/" && !event.metaKey && !event.ctrlKey && !event.altKey && !typingElsewhere(event.target)) {
      event.preventDefault();
      field.current?.focus();
    }
  });

  useEffect(() => {
    const listener = (event: globalThis.KeyboardEvent) => onShortcut(event);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    send();
  };

  return (
    <form onSubmit={onSubmit} aria-label="Send a message" className="mx-auto w-full max-w-3xl shrink-0 pt-3">
      <div className="flex items-end gap-2 rounded-2xl border bg-card p-2 shadow-sm focus-within:ring-2 focus-within:ring-ring">
        <label htmlFor={fieldId} className="sr-only">
          Message
        </label>
        <textarea
          ref={field}
          id={fieldId}
          name="message"
          data-testid="composer-input"
          rows={1}
          value={text}
          maxLength={MESSAGE_MAX_LENGTH}
          onChange={(event) => setText(event.currentTarget.value)}
          onKeyDown={onKeyDown}
          placeholder="Ask about your listening…"
          aria-describedby={hintId}
          autoComplete="off"
          className="max-h-48 min-h-10 flex-1 resize-none bg-transparent px-2 py-2 text-base outline-none [field-sizing:content] placeholder:text-muted-foreground sm:text-sm"
        />
        {busy ? (
          <Button type="button" variant="outline" size="sm" onClick={onStop} data-testid="stop-button">
            <SquareIcon aria-hidden="true" className="fill-current" />
            Stop
          </Button>
        ) : null}
        <Button type="submit" size="sm" disabled={!canSend} data-testid="send-button">
          <ArrowUpIcon aria-hidden="true" />
          Send
        </Button>
      </div>
      <p id={hintId} className="mt-1.5 hidden px-2 text-xs text-muted-foreground sm:block">
        Enter sends, Shift+Enter adds a line, Esc stops an answer, / jumps here.
      </p>
    </form>
  );
}
