import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EmbeddedStoreError } from "../errors";
import { assertEmbeddedStoreCanLive } from "./placement";

const made: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "echotune-placement-"));
  made.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("where the embedded store may live", () => {
  it("opens on a writable disk of one machine", () => {
    const dir = tempDir();
    expect(() => assertEmbeddedStoreCanLive(dir, { vercel: false })).not.toThrow();
  });

  it("refuses Vercel and names MONGODB_URI", () => {
    const dir = tempDir();
    expect(() => assertEmbeddedStoreCanLive(dir, { vercel: true })).toThrow(EmbeddedStoreError);
    expect(() => assertEmbeddedStoreCanLive(dir, { vercel: true })).toThrow(/cannot run on Vercel.*not kept.*MONGODB_URI/);
  });

  it("refuses AWS Lambda and names the function and MONGODB_URI", () => {
    expect(() => assertEmbeddedStoreCanLive(tempDir(), { vercel: false, lambdaFunction: "echotune-api" })).toThrow(
      /cannot run on AWS Lambda \(echotune-api\).*MONGODB_URI/,
    );
  });

  it("refuses a DATA_DIR it cannot write, naming the folder, the reason and MONGODB_URI", () => {
    // A folder under a regular file can never be created, whoever runs the test (root included).
    const file = join(tempDir(), "not-a-folder");
    writeFileSync(file, "");
    expect(() => assertEmbeddedStoreCanLive(join(file, "data"), { vercel: false })).toThrow(
      /cannot write to DATA_DIR \(.*not-a-folder\/data\/store: ENOTDIR\).*MONGODB_URI/,
    );
  });
});
