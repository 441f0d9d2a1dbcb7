import "server-only";
import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/**
 * Vercel Cron calls with `Authorization: Bearer $CRON_SECRET`. Throws a problem unless this
 * request carries it (403 while cron routes are disabled, 401 for a wrong or missing secret).
 */
export function requireCronSecret(request: Request): void {
  if (!env.CRON_SECRET)
    throw new AppError("forbidden", { detail: "Cron routes are disabled: set CRON_SECRET (16+ characters) to enable them." });
  const header = request.headers.get("authorization");
  const given = Buffer.from(header ?? "");
  const expected = Buffer.from(`Bearer ${env.CRON_SECRET}`);
  if (!header || given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new AppError("unauthorized", { detail: "Send Authorization: Bearer <CRON_SECRET>." });
}
