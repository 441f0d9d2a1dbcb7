import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkDependencies, type DependencyViolation } from "./lib/dependency-check.ts";

const ROOT = join(import.meta.dirname, "..");
const TSCONFIG = {
  compilerOptions: { strict: true, module: "esnext", moduleResolution: "bundler", jsx: "react-jsx", paths: { "@/*": ["./*"] } },
  include: ["**/*.ts", "**/*.tsx"],
};

let fixture: string | undefined;

/** A throwaway project with our real rules and the given files. */
function project(files: Record<string, string>): string {
  fixture = mkdtempSync(join(tmpdir(), "echotune-deps-"));
  cpSync(join(ROOT, ".dependency-cruiser.cjs"), join(fixture, ".dependency-cruiser.cjs"));
  writeFileSync(join(fixture, "tsconfig.json"), JSON.stringify(TSCONFIG));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(fixture, path)), { recursive: true });
    writeFileSync(join(fixture, path), text);
  }
  return fixture;
}

const rules = (violations: DependencyViolation[]) =>
  violations.map((violation) => `${violation.rule} ${violation.from} -> ${violation.to}`).sort();

afterEach(() => {
  if (fixture) rmSync(fixture, { recursive: true, force: true });
  fixture = undefined;
});

describe("the dependency rules in npm run lint", () => {
  it("pass a tree that uses capabilities through their entry points", async () => {
    const root = project({
      "lib/listening/index.ts": `export { encode } from "./segment";\n`,
      "lib/listening/segment.ts": `export const encode = (value: number) => value * 2;\n`,
      "lib/insights/index.ts": `import { encode } from "@/lib/listening";\nexport const total = encode(1);\n`,
      "app/page.tsx": `import { total } from "@/lib/insights";\nexport default function Page() { return total; }\n`,
    });
    expect(await checkDependencies(root, ["app", "lib"])).toEqual([]);
  });

  it("fire on an import cycle between capabilities", async () => {
    const root = project({
      "lib/charts/index.ts": `import { theme } from "@/lib/themes";\nexport const draw = () => theme();\n`,
      "lib/themes/index.ts": `import { draw } from "@/lib/charts";\nexport const theme = () => draw;\n`,
    });
    expect(rules(await checkDependencies(root, ["lib"]))).toEqual(["no-cycle lib/charts/index.ts -> lib/themes/index.ts"]);
  });

  it("fire on a deep import into another capability, from lib and from the app", async () => {
    const root = project({
      "lib/listening/index.ts": `export { encode } from "./segment";\n`,
      "lib/listening/segment.ts": `export const encode = (value: number) => value * 2;\n`,
      "lib/reco/index.ts": `import { encode } from "@/lib/listening/segment";\nexport const score = encode(2);\n`,
      "components/chart.tsx": `import { encode } from "@/lib/listening/segment";\nexport const Chart = () => encode(3);\n`,
    });
    expect(rules(await checkDependencies(root, ["components", "lib"]))).toEqual([
      "no-deep-import-between-capabilities lib/reco/index.ts -> lib/listening/segment.ts",
      "no-deep-import-into-lib components/chart.tsx -> lib/listening/segment.ts",
    ]);
  });

  it("fire when a lower layer imports a higher one, even through its entry point", async () => {
    const root = project({
      "lib/insights/index.ts": `export const widgets = 11;\n`,
      "lib/listening/index.ts": `import { widgets } from "@/lib/insights";\nexport const loaded = widgets;\n`,
    });
    expect(rules(await checkDependencies(root, ["lib"]))).toEqual(["layer-order lib/listening/index.ts -> lib/insights/index.ts"]);
  });

  it("fire when lib imports app or components", async () => {
    const root = project({
      "components/button.tsx": `export const Button = () => null;\n`,
      "lib/ui/index.ts": `import { Button } from "@/components/button";\nexport const button = Button;\n`,
    });
    expect(rules(await checkDependencies(root, ["components", "lib"]))).toEqual([
      "lib-not-to-app-or-components lib/ui/index.ts -> components/button.tsx",
    ]);
  });

  it("fire when a client component reaches a server-only module through value imports, not through types", async () => {
    const root = project({
      "lib/db/index.ts": `import "server-only";\nexport interface Play { id: string }\nexport const store = { plays: [] as Play[] };\n`,
      "lib/insights/index.ts": `import { store } from "@/lib/db";\nexport const count = () => store.plays.length;\n`,
      "components/typed.tsx": `"use client";\nimport type { Play } from "@/lib/db";\nexport const Typed = (play: Play) => play.id;\n`,
      "components/leaky.tsx": `// The count, live.\n"use client";\nimport { count } from "@/lib/insights";\nexport const Leaky = () => count();\n`,
    });
    const violations = await checkDependencies(root, ["components", "lib"]);
    expect(rules(violations)).toEqual(["client-not-to-server-only components/leaky.tsx -> lib/db/index.ts"]);
    expect(violations[0]?.via).toEqual(["components/leaky.tsx", "lib/insights/index.ts", "lib/db/index.ts"]);
  });
});
