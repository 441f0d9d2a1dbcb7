import { route } from "@/lib/http";
import { AppError } from "@/lib/errors";
import { deliverJob, verifyDelivery } from "@/lib/jobs";
import { deliveryBody } from "./schema";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/** Steps one delivery may run before it hands the rest to a continuation: well inside maxDuration. */
const DELIVERY_BUDGET_MS = 240_000;

/**
 * QStash delivers a job here (signed with the current signing key): the signature is checked
 * against the raw body and this URL before anything else, and a bad one is a 401.
 */
export const POST = route({ auth: "public", bodyLimit: 4 * 1024 }, async ({ request, log }) => {
  const text = await request.text();
  await verifyDelivery(request.headers.get("upstash-signature"), text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", { detail: "The delivery body is not JSON." });
  }
  const body = deliveryBody.safeParse(parsed);
  if (!body.success) throw new AppError("validation_failed", { detail: 'The delivery body must be {"jobId": string}.' });
  const messageId = request.headers.get("upstash-message-id") ?? "unknown";
  const result = await deliverJob(body.data.jobId, { messageId, budgetMs: DELIVERY_BUDGET_MS });
  log.info({ ...result, messageId, retried: request.headers.get("upstash-retried") }, "jobs: delivery handled");
  return result;
});
