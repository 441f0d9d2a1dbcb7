"use client";

import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { PLAYLIST_MAX_DESCRIPTION, PLAYLIST_MAX_NAME } from "@/lib/playlists/client";

/**
 * The playlist's name and description, each saved as its own version when changed. The editor
 * keys it on both, so undo, redo and another window's change start it afresh.
 */
export function PlaylistDetails({
  name,
  description,
  onRename,
  onDescribe,
  disabled,
}: {
  name: string;
  description: string;
  onRename: (name: string) => void;
  onDescribe: (description: string) => void;
  disabled: boolean;
}) {
  const nameId = useId();
  const descriptionId = useId();
  const [draftName, setDraftName] = useState(name);
  const [draftDescription, setDraftDescription] = useState(description);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draftName.trim() !== name) onRename(draftName);
    if (draftDescription.trim() !== description) onDescribe(draftDescription);
  };
  const changed = draftName.trim() !== name || draftDescription.trim() !== description;
  return (
    <form onSubmit={submit} className="flex flex-col gap-3 rounded-xl border bg-card p-4" aria-label="Name and description">
      <div className="flex flex-col gap-1">
        <label htmlFor={nameId} className="text-sm font-medium">
          Name
        </label>
        <input
          id={nameId}
          value={draftName}
          onChange={(event) => setDraftName(event.target.value)}
          maxLength={PLAYLIST_MAX_NAME}
          required
          className="h-9 rounded-md border bg-background px-3 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring"
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={descriptionId} className="text-sm font-medium">
          Description
        </label>
        <textarea
          id={descriptionId}
          value={draftDescription}
          onChange={(event) => setDraftDescription(event.target.value)}
          maxLength={PLAYLIST_MAX_DESCRIPTION}
          rows={2}
          className="rounded-md border bg-background px-3 py-2 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring"
        />
      </div>
      <Button type="submit" size="sm" className="self-start" disabled={disabled || !changed}>
        Save name and description
      </Button>
    </form>
  );
}
