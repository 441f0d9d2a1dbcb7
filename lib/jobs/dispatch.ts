import "server-only";
import { Client, Receiver } from "@upstash/qstash";
import type { JobDocument } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/** Where QStash delivers: the route that runs a job's next steps. */
export const DELIVERY_PATH = "/api/jobs/deliver";

export function deliveryUrl(): string {
  return `${env.APP_URL.replace(/\/$/, "")}${DELIVERY_PATH}`;
}

/** Jobs go through QStash when its token is set; otherwise runners poll the store. */
export function qstashEnabled(): boolean {
  return Boolean(env.QSTASH_TOKEN);
}

/**
 * Asks QStash to deliver the job's next run. The deduplication id names the job and the claim it
 * follows, so publishing the same continuation twice (a retried request) delivers it once.
 */
export async function publishJob(job: Pick<JobDocument, "_id" | "leaseEpoch" | "nextRunAt">, now = new Date()): Promise<string> {
  const client = new Client({ baseUrl: env.QSTASH_URL, token: env.QSTASH_TOKEN ?? "" });
  const delaySeconds = Math.max(0, Math.ceil((job.nextRunAt.getTime() - now.getTime()) / 1000));
  const { messageId } = await client.publishJSON({
    url: deliveryUrl(),
    body: { jobId: job._id },
    deduplicationId: `${job._id}.${job.leaseEpoch}`.replace(/[^\w.-]/g, "_"),
    ...(delaySeconds > 0 ? { delay: delaySeconds } : {}),
  });
  return messageId;
}

/**
 * Checks `Upstash-Signature` against the raw body and this route's URL with the current key, then
 * the next one (key rotation). Throws a 401 problem when it does not hold.
 */
export async function verifyDelivery(signature: string | null, body: string): Promise<void> {
  if (!env.QSTASH_CURRENT_SIGNING_KEY || !env.QSTASH_NEXT_SIGNING_KEY)
    throw new AppError("forbidden", { detail: "Job deliveries are disabled: set QSTASH_CURRENT_SIGNING_KEY and QSTASH_NEXT_SIGNING_KEY." });
  if (!signature) throw new AppError("unauthorized", { detail: "Missing Upstash-Signature." });
  const receiver = new Receiver({ currentSigningKey: env.QSTASH_CURRENT_SIGNING_KEY, nextSigningKey: env.QSTASH_NEXT_SIGNING_KEY });
  try {
    await receiver.verify({ signature, body, url: deliveryUrl(), clockTolerance: 5 });
  } catch {
    throw new AppError("unauthorized", { detail: "Upstash-Signature does not verify for this body and URL." });
  }
}
