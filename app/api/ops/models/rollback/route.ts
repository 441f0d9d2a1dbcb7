import { KB, route } from "@/lib/http";
import { opsGates } from "@/lib/ops";
import { rollbackModel } from "@/lib/reco";
import { rollbackBody } from "./schema";

export const dynamic = "force-dynamic";

/** An operator's rollback of the recommender: the model events record the operator as `by`. */
export const POST = route(
  { auth: opsGates.act, body: rollbackBody, bodyLimit: 4 * KB, rateLimit: { name: "ops-act", limit: 30, windowSeconds: 60 } },
  async ({ body, listener }) => {
    const model = await rollbackModel({ toVersion: body.toVersion, reason: body.reason, by: listener.by });
    return { model: { version: model.version, status: model.status } };
  },
);
