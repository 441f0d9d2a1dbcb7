"use client";

import { useSearchParams } from "next/navigation";

/** The home page's word after "Delete my account" (`/?account=deleted`): the account is gone and they are signed out. */
export function AccountDeletedNotice() {
  if (useSearchParams().get("account") !== "deleted") return null;
  return (
    <p role="status" data-testid="account-deleted" className="mb-6 rounded-md border bg-muted px-4 py-3 text-sm">
      Your account and everything EchoTune kept about you have been deleted. You are signed out.
    </p>
  );
}
