/**
 * `npm run reco:train [-- --list]`: trains the recommender from every listener's plays (plus the
 * demo cohort when the demo is on), evaluates it on held-out time and activates it only if it is
 * not worse than the active version. `--list` prints the stored versions instead.
 */
import { parseArgs } from "node:util";
import { closeStore } from "@/lib/db";
import { listModels, trainAll } from "@/lib/reco";

const { values } = parseArgs({ options: { list: { type: "boolean", default: false } } });

function print(model: {
  version: number;
  status: string;
  createdAt: Date;
  metrics: { recallAt50: number; ndcgAt20: number; users: number };
  params: { listeners: number; artists: number };
  trainSeconds: number;
}) {
  console.log(
    `v${String(model.version).padEnd(4)} ${model.status.padEnd(9)} ${model.createdAt.toISOString()}  recall@50 ${model.metrics.recallAt50.toFixed(3)}  ndcg@20 ${model.metrics.ndcgAt20.toFixed(3)}  (${model.metrics.users} listeners held out; ${model.params.listeners} listeners, ${model.params.artists} artists; ${model.trainSeconds.toFixed(1)} s)`,
  );
}

try {
  if (values.list) {
    const models = await listModels();
    if (models.length === 0) console.log("No model trained yet: run npm run reco:train.");
    for (const model of models) print(model);
  } else {
    const model = await trainAll();
    print(model);
    console.log(
      model.status === "active"
        ? "Active now."
        : `Kept the active version v${model.metrics.comparedTo}: this one was worse on held-out time.`,
    );
  }
} finally {
  await closeStore();
}
