/** The lock file's packages, for the dependency checks (scripts/licences.ts, scripts/lockfile-check.ts). */
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** One entry of package-lock.json v3's `packages`, keyed by its install path (`node_modules/a/node_modules/b`). */
export interface LockedPackage {
  path: string;
  name: string;
  version?: string;
  resolved?: string;
  integrity?: string;
  license?: string;
  link?: boolean;
  /** Only in the devDependencies tree: `npm ci --omit=dev` leaves it out. */
  dev?: boolean;
  optional?: boolean;
  /** Shipped inside its parent's tarball, so covered by the parent's integrity. */
  inBundle?: boolean;
}

export function readLockedPackages(root = process.cwd()): { lockfileVersion: number; packages: LockedPackage[] } {
  const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as {
    lockfileVersion: number;
    packages: Record<string, Omit<LockedPackage, "path" | "name"> & { name?: string }>;
  };
  const packages = Object.entries(lock.packages)
    .filter(([path]) => path !== "")
    .map(([path, entry]) => ({
      ...entry,
      path,
      name: entry.name ?? path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length),
    }));
  return { lockfileVersion: lock.lockfileVersion, packages };
}
