/** `npm run reco:rollback -- <version>`: makes an earlier recommender version active again. */
import { closeStore } from "@/lib/db";
import { rollbackModel } from "@/lib/reco";

const version = Number(process.argv[2]);
if (!Number.isInteger(version) || version < 1) {
  console.error("Usage: npm run reco:rollback -- <version>   (see the versions with npm run reco:train -- --list)");
  process.exit(2);
}
try {
  const model = await rollbackModel(version);
  console.log(`v${model.version} is active again (recall@50 ${model.metrics.recallAt50.toFixed(3)} on its held-out evaluation).`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await closeStore();
}
