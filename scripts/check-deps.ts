/** `npm run lint` (part): the layer rules. Exits 1 and lists each violation when one is broken. */
import { checkDependencies, describeViolation } from "./lib/dependency-check.ts";

const FOLDERS = ["app", "components", "lib", "scripts", "e2e"];
const violations = await checkDependencies(process.cwd(), FOLDERS);
if (violations.length > 0) {
  for (const violation of violations) console.error(`  ✗ ${describeViolation(violation)}`);
  console.error(
    `\n${violations.length} dependency rule violation(s). The rules and why: .dependency-cruiser.cjs and docs/architecture.md.`,
  );
  process.exit(1);
}
console.log(`Dependency rules: no violations in ${FOLDERS.join(", ")}.`);
