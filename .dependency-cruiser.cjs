/**
 * The layers' rules, checked by `npm run lint` (scripts/check-deps.ts), so the arrows in
 * docs/architecture.md are enforced rather than described. Every `lib/<capability>/` is used
 * through its `index.ts` (server), `client.ts` (browser) or `actions.ts` (server actions); nothing
 * else of it is public.
 */
/**
 * A capability's public entry points: `index.ts` (server), `client.ts` (browser pages),
 * `worker.ts` (a Web Worker's code, kept out of the pages' bundles) and `actions.ts` (its server
 * actions, which client components call by reference).
 */
const ENTRY = "^lib/[^/]+/(index|client|actions|worker)\\.tsx?$";
/** Test support a capability offers to other capabilities' tests (contract suites, fakes). */
const TEST_SUPPORT = "^lib/[^/]+/testing(/|\\.tsx?$)";

/** Each layer with the capabilities above it, which it must never import. */
const ABOVE = {
  db: ["listening", "insights", "reco", "assistant", "ingest", "jobs"],
  listening: ["insights", "reco", "assistant", "ingest", "jobs"],
  insights: ["reco", "assistant", "ingest", "jobs"],
  reco: ["assistant", "ingest", "jobs"],
  ingest: ["insights", "reco", "assistant", "jobs"],
  research: ["assistant", "jobs"],
  // Blends build on a listener's playlists and history; playlists know nothing of who builds them.
  blend: ["assistant", "ingest", "jobs"],
  playlists: ["assistant", "blend", "reco", "insights", "listening", "ingest", "jobs"],
  // The operations page reads every capability; only the jobs (its alert rules' runner) use it.
  ops: ["jobs"],
  // Background jobs run every other capability's work: nothing in lib imports them.
  ...Object.fromEntries(
    ["assistant", "auth", "cache", "demo", "genres", "health", "listener", "privacy", "security", "spotify", "telemetry"].map((layer) => [
      layer,
      ["jobs"],
    ]),
  ),
};
const LAYER_ORDER = Object.entries(ABOVE).map(([layer, above]) => ({
  name: "layer-order",
  severity: "error",
  comment: `Capabilities depend one way: assistant → reco → insights → listening → db, and ingest → listening; ops reads them all; jobs sits on top of them all. ${layer} is below ${above.join(", ")}.`,
  from: { path: `^lib/${layer}/` },
  to: { path: `^lib/(${above.join("|")})/` },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycle",
      severity: "error",
      comment: "Import cycles make the layers meaningless and the load order fragile: move the shared part down a layer.",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-deep-import-between-capabilities",
      severity: "error",
      comment: "Another capability's internals: import its index.ts (or client.ts in the browser), or export what you need there.",
      from: { path: "^lib/([^/]+)/" },
      to: { path: "^lib/[^/]+/", pathNot: ["^lib/$1/", ENTRY, TEST_SUPPORT] },
    },
    {
      name: "no-deep-import-into-lib",
      severity: "error",
      comment: "Pages, components, scripts and tests use a capability through its index.ts or client.ts.",
      from: { path: "^(app|components|scripts|e2e)/" },
      to: { path: "^lib/[^/]+/", pathNot: [ENTRY, TEST_SUPPORT] },
    },
    ...LAYER_ORDER,
    {
      name: "lib-not-to-app-or-components",
      severity: "error",
      comment: "lib/ is the domain: it never depends on routes or UI.",
      from: { path: "^lib/" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "components-not-to-app",
      severity: "error",
      comment: "Components are used by routes, never the reverse.",
      from: { path: "^components/" },
      to: { path: "^app/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|\\.next|reports|coverage|test-results|playwright-report)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
    skipAnalysisNotInRules: true,
  },
};
