/**
 * `npm run reco:rollback -- [<version>] --reason "<why>"`: makes an earlier recommender version
 * active again (the newest earlier one that passed the validation gate, or the one given), and
 * records the rollback with its reason in the model's history.
 */
import { parseArgs } from "node:util";
import { closeStore } from "@/lib/db";
import { rollbackModel } from "@/lib/reco";

const usage = 'Usage: npm run reco:rollback -- [<version>] --reason "<why>"   (see the versions with npm run reco:train -- --list)';
const { values, positionals } = parseArgs({ options: { reason: { type: "string" } }, allowPositionals: true });
const version = positionals[0] === undefined ? undefined : Number(positionals[0]);
if ((version !== undefined && (!Number.isInteger(version) || version < 1)) || !values.reason?.trim()) {
  console.error(usage);
  process.exit(2);
}
try {
  const model = await rollbackModel({ toVersion: version, reason: values.reason, by: "cli" });
  console.log(`v${model.version} is active again (recall@50 ${model.metrics.recallAt50.toFixed(3)} on its held-out evaluation).`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await closeStore();
}
