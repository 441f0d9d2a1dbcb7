import { AppError } from "@/lib/errors";
import { route } from "@/lib/http";
import { retryJob } from "@/lib/jobs";
import { opsGates } from "@/lib/ops";
import { retryParams } from "./schema";

export const dynamic = "force-dynamic";

/** An operator's retry of a failed job: queued again from its saved cursor, with its tries reset. */
export const POST = route(
  { auth: opsGates.act, params: retryParams, rateLimit: { name: "ops-act", limit: 30, windowSeconds: 60 } },
  async ({ params, listener, log }) => {
    const job = await retryJob(params.id);
    if (!job) throw new AppError("not_found", { detail: `There is no job ${params.id}.` });
    if (job.status !== "queued")
      throw new AppError("conflict", { detail: `Job ${params.id} is ${job.status}: only a failed job can be retried.` });
    log.info({ job: job._id, by: listener.by }, "ops: job retried by an operator");
    return { job: { id: job._id, status: job.status, attempts: job.attempts } };
  },
);
