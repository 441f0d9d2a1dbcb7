/**
 * One line saying which Node runs a script: `npm run` puts the project's own Node 24 (the `node`
 * dev dependency, in node_modules/node) first on PATH, so a newcomer whose shell has an older
 * node sees that the right one is in use.
 */
import { sep } from "node:path";

export function describeNode(): string {
  const fromProject = process.execPath.includes(`${sep}node_modules${sep}node${sep}`);
  return `Node ${process.version} (${fromProject ? "from the project's node devDependency" : `the system's, at ${process.execPath}`})`;
}
