"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ProblemError } from "@/lib/http/client";
import { saveSettings, type SettingsPatch, type SettingsView } from "@/lib/listener/client";

export type SaveState =
  | { status: "idle" }
  | { status: "saving" }
  | { status: "saved"; message: string }
  | { status: "error"; message: string; fields: Record<string, string> };

/**
 * Saves a settings change and, once saved, drops every cached page and query of this browser, so
 * the dashboard, Discover and the assistant's cards are computed again under the new settings.
 * Field errors from the server's problem (`body.timeZone`) come back by field name for inline messages.
 */
export function useSaveSettings(confirmation: (settings: SettingsView) => string) {
  const [state, setState] = useState<SaveState>({ status: "idle" });
  const [, startTransition] = useTransition();
  const queryClient = useQueryClient();
  const router = useRouter();

  async function save(patch: SettingsPatch): Promise<SettingsView | null> {
    setState({ status: "saving" });
    try {
      const { settings } = await saveSettings(patch);
      await queryClient.invalidateQueries();
      startTransition(() => router.refresh());
      setState({ status: "saved", message: confirmation(settings) });
      return settings;
    } catch (error) {
      const problem = error instanceof ProblemError ? error : null;
      const fields = Object.fromEntries((problem?.errors ?? []).map((each) => [each.field.replace(/^body\./, ""), each.message]));
      setState({ status: "error", message: problem?.detail ?? "Your settings could not be saved. Try again.", fields });
      return null;
    }
  }

  return { state, save };
}
