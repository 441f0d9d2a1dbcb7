/** The browser's side of "Your data": the download's address and the account deletion request. */
import { fetchJson } from "@/lib/http/client";

/** What the listener types to confirm "Delete my account" (and what `DELETE /api/me` requires). */
export const DELETE_CONFIRMATION = "delete my account";

/** `GET` it for "Download all my data": a zip, sent as an attachment. */
export const EXPORT_URL = "/api/me/export";

/** Deletes the listener's account and everything with it; the response clears the session cookie. */
export async function deleteAccount(confirm: string): Promise<void> {
  await fetchJson("/api/me", {
    method: "DELETE",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ confirm }),
    fallback: "Your account could not be deleted. Nothing was removed; try again.",
  });
}
