import packageJson from "@/package.json" with { type: "json" };
import { env } from "@/lib/env";

/** The running version: the package version plus the commit when the platform tells us. */
export function appVersion(): string {
  const commit = env.VERCEL_GIT_COMMIT_SHA?.slice(0, 7);
  return commit ? `${packageJson.version}+${commit}` : packageJson.version;
}
