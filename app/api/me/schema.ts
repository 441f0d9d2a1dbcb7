import { z } from "zod";
import { DELETE_CONFIRMATION } from "@/lib/privacy/client";

/**
 * "Delete my account" says what it does in words the listener typed: the request must carry them,
 * so no stray DELETE (a script, a replayed request) removes an account by accident.
 */
export const deleteAccountBody = z.strictObject({
  confirm: z.literal(DELETE_CONFIRMATION, { message: `Type “${DELETE_CONFIRMATION}” to confirm.` }),
});
