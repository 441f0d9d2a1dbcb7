/**
 * `npm run bench:bundle`: first-load JavaScript per route of the production build, raw and
 * gzipped, from Turbopack's .next/diagnostics/route-bundle-stats.json (Next 16 no longer prints it).
 */
import { existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { ensureBuild } from "../lib/build.ts";

const STATS = ".next/diagnostics/route-bundle-stats.json";

if (!ensureBuild() || !existsSync(STATS)) {
  console.error(`No ${STATS}: the build failed or this Next version does not write it.`);
  process.exit(1);
}

const routes = JSON.parse(readFileSync(STATS, "utf8")) as Array<{ route: string; firstLoadChunkPaths: string[] }>;
const gzipped = new Map<string, number>();
const sizeOf = (path: string) => {
  if (!gzipped.has(path)) gzipped.set(path, gzipSync(readFileSync(path), { level: 9 }).length);
  return gzipped.get(path)!;
};

const rows = routes
  .filter(({ route }) => !/\.(txt|xml|webmanifest|svg)$|image|icon/.test(route))
  .map(({ route, firstLoadChunkPaths }) => ({
    route,
    raw: firstLoadChunkPaths.reduce((sum, path) => sum + readFileSync(path).length, 0),
    gzip: firstLoadChunkPaths.reduce((sum, path) => sum + sizeOf(path), 0),
    chunks: firstLoadChunkPaths.length,
  }))
  .sort((a, b) => a.route.localeCompare(b.route));

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
console.log(`${"route".padEnd(28)} ${"first-load JS (gzip)".padStart(21)} ${"raw".padStart(10)} chunks`);
for (const row of rows) {
  console.log(`${row.route.padEnd(28)} ${kb(row.gzip).padStart(21)} ${kb(row.raw).padStart(10)} ${String(row.chunks).padStart(6)}`);
}
