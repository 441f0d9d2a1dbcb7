import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

// next-auth imports "next/server" without an extension, which Node's own ESM loader cannot resolve:
// Vite resolves it instead.
const server = { deps: { inline: ["next-auth"] } };

const shared = {
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // Tests run outside React's server graph; the marker's own server build is empty.
      { find: /^server-only$/, replacement: `${root}/node_modules/server-only/empty.js` },
    ],
  },
};

export default defineConfig({
  test: {
    env: { LOG_LEVEL: "silent", NEXT_TELEMETRY_DISABLED: "1" },
    projects: [
      {
        ...shared,
        test: {
          name: "unit",
          environment: "node",
          server,
          // Property suites beside the routes feed the real route() wrapper: no store, no server.
          include: ["lib/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts", "app/**/*.property.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
        },
      },
      {
        ...shared,
        test: {
          name: "integration",
          environment: "node",
          server,
          include: ["**/*.int.test.ts"],
          exclude: ["node_modules/**", ".next/**"],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          // Real servers (FerretDB, Redis behind our Upstash proxy) start once for the whole project.
          globalSetup: ["scripts/services/test-setup.ts"],
        },
      },
    ],
  },
});
