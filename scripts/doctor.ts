/**
 * `npm run doctor [-- --production]`: checks the environment this shell (plus .env.local, when
 * present, as `next start` would load it) gives the app: every variable well formed, the store and
 * the cache reachable, Spotify's credentials shaped right, the redirect URI to register, the
 * secrets a deployment needs. Prints each finding and what to do; exits 1 when anything is wrong.
 * `--production` (implied on Vercel or AWS Lambda) judges as a public deployment: MongoDB, Upstash,
 * a public https APP_URL, AUTH_SECRET and CRON_SECRET are then required.
 *
 * To check a Vercel environment: `vercel env pull .env.doctor --environment=production`, then
 * `node --env-file=.env.doctor --import ./scripts/register.ts scripts/doctor.ts --production`.
 */
import { existsSync } from "node:fs";
import { diagnose, formatFindings } from "./lib/doctor.ts";

const production = process.argv.includes("--production");
if (existsSync(".env.local")) process.loadEnvFile(".env.local");
const source: Record<string, string | undefined> = { ...process.env };

// lib/env.ts validates process.env when imported and throws at the first bad variable; the doctor
// wants every problem, so it loads the schema against an empty environment and judges `source`.
const saved = process.env;
process.env = { NODE_ENV: saved.NODE_ENV, PATH: saved.PATH, LOG_LEVEL: "silent" };
const [{ envSchema }, { assertEmbeddedStoreCanLive }] = await Promise.all([import("@/lib/env"), import("@/lib/db")]);
process.env = saved;

const findings = await diagnose(source, { schema: envSchema, production, embeddedPlacement: assertEmbeddedStoreCanLive });
console.log(formatFindings(findings));
process.exit(findings.some((finding) => finding.verdict === "problem") ? 1 : 0);
