"use server";

import { revalidatePath } from "next/cache";
import { requireListener } from "@/lib/auth";
import { getStore, sharesRepository } from "@/lib/db";

/** Turns the public link to a year in music on or off. Off means the link answers 404 at once and for good; on again mints a new one. */
export async function setRecapSharing(formData: FormData): Promise<void> {
  const listener = await requireListener();
  const year = Number(formData.get("year"));
  if (!Number.isInteger(year) || year < 1990 || year > 2100) throw new Error("That year is not one we can share.");
  const shares = sharesRepository(await getStore());
  if (formData.get("enabled") === "true") await shares.enable(listener.id, year);
  else await shares.disable(listener.id, year);
  revalidatePath(`/recap/${year}`);
}
