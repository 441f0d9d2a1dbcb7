/**
 * `npm run reco:train [-- --reason "<why>"] [-- --list] [-- --drift]`: trains the recommender from
 * every listener's plays (plus the demo cohort when the demo is on), evaluates it on held-out time
 * and activates it only if it passes the validation gate (not worse than the active version).
 * `--list` prints the stored versions and what happened to each instead; `--drift` what the drift
 * check measures now.
 */
import { parseArgs } from "node:util";
import { closeStore } from "@/lib/db";
import { checkDrift, modelHistory, trainAll } from "@/lib/reco";

const { values } = parseArgs({
  options: {
    list: { type: "boolean", default: false },
    drift: { type: "boolean", default: false },
    reason: { type: "string", default: "npm run reco:train" },
  },
});

function print(model: {
  version: number;
  status: string;
  createdAt: Date | string;
  metrics: { recallAt50: number; ndcgAt20: number; users: number };
  params: { listeners: number; artists: number };
  trainSeconds: number;
}) {
  console.log(
    `v${String(model.version).padEnd(4)} ${model.status.padEnd(9)} ${new Date(model.createdAt).toISOString()}  recall@50 ${model.metrics.recallAt50.toFixed(3)}  ndcg@20 ${model.metrics.ndcgAt20.toFixed(3)}  (${model.metrics.users} listeners held out; ${model.params.listeners} listeners, ${model.params.artists} artists; ${model.trainSeconds.toFixed(1)} s)`,
  );
}

try {
  if (values.list) {
    const models = await modelHistory();
    if (models.length === 0) console.log("No model trained yet: run npm run reco:train.");
    for (const model of models) {
      print(model);
      for (const event of model.events) console.log(`       ${event.at}  ${event.action.padEnd(11)} by ${event.by}: ${event.reason}`);
    }
  } else if (values.drift) {
    const drift = await checkDrift();
    console.log(`${drift.shouldRetrain ? "Retrain" : "No need to retrain"}: ${drift.reason}.`);
  } else {
    const model = await trainAll({ reason: values.reason, by: "cli" });
    print(model);
    console.log(
      model.status === "active"
        ? "Active now."
        : `Kept the active version v${model.metrics.comparedTo}: this one ${model.gate?.reason ?? "was worse on held-out time"}.`,
    );
  }
} finally {
  await closeStore();
}
