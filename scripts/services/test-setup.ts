/**
 * Vitest global setup for the integration project: the real servers the contract suites talk to.
 * MongoDB: MONGODB_TEST_URI when set (a mongod or Atlas you may wipe), otherwise FerretDB v1 built
 * from the Go module proxy and started here. Never silently skipped: no server, no green run.
 */
import type { TestProject } from "vitest/node";
import { startFerretDb, type FerretDb } from "./ferretdb.ts";

declare module "vitest" {
  export interface ProvidedContext {
    mongoUri: string;
    mongoServer: string;
  }
}

let ferret: FerretDb | undefined;

export async function setup(project: TestProject) {
  let uri = process.env.MONGODB_TEST_URI;
  let server: string;
  if (uri) {
    server = `MongoDB at ${uri.replace(/\/\/[^@]*@/, "//***@")} (MONGODB_TEST_URI)`;
  } else {
    ferret = await startFerretDb();
    uri = ferret.uri;
    server = `${ferret.version} at ${ferret.uri}`;
  }
  console.log(`[services] MongoDB suite talks to ${server}`);
  project.provide("mongoUri", uri);
  project.provide("mongoServer", server);
}

export async function teardown() {
  await ferret?.dispose();
}
