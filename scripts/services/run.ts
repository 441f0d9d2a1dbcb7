/**
 * `npm run services`: the real backends for working on the code, started together and stopped
 * with Ctrl+C: FerretDB v1 (MongoDB wire protocol) and our Upstash REST proxy over Redis. It prints
 * the variables that point the app at them; put them in .env.local and run `npm run dev`.
 *   npm run services -- --mongo-port 27018 --upstash-port 8079
 */
import { parseArgs } from "node:util";
import { startFerretDb } from "./ferretdb.ts";
import { ensureRedis } from "./redis.ts";
import { startUpstashProxy } from "./upstash-proxy.ts";

const { values } = parseArgs({
  options: {
    "mongo-port": { type: "string", default: "27018" },
    "upstash-port": { type: "string", default: "8079" },
    token: { type: "string", default: "echotune-dev-token" },
  },
});

const ferret = await startFerretDb({ port: Number(values["mongo-port"]) });
const redis = await ensureRedis();
const proxy = await startUpstashProxy({ redisUrl: redis.url, token: values.token, port: Number(values["upstash-port"]) });

console.log(`FerretDB   ${ferret.version} at ${ferret.uri} (data in a temporary folder, gone when this stops)`);
console.log(`Redis      ${redis.version} at ${redis.url}${redis.started ? " (started here)" : ""}`);
console.log(`Upstash    REST proxy at ${proxy.url}\n`);
console.log("Point the app at them (.env.local):\n");
console.log(`MONGODB_URI=${ferret.uri}`);
console.log(`UPSTASH_REDIS_REST_URL=${proxy.url}`);
console.log(`UPSTASH_REDIS_REST_TOKEN=${proxy.token}\n`);
console.log("Ctrl+C stops them.");

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await proxy.close();
  await redis.stop();
  await ferret.dispose();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
