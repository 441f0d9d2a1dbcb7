import { accessSync, constants, mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { EmbeddedStoreError } from "../errors";

export interface Platform {
  /** VERCEL=1: a Vercel function. */
  vercel: boolean;
  /** AWS_LAMBDA_FUNCTION_NAME: any AWS Lambda (Vercel's functions run there too). */
  lambdaFunction?: string | undefined;
}

const HOW_TO =
  "Set MONGODB_URI to a MongoDB (MongoDB Atlas's free tier is enough to start; see the README's deployment guide), " +
  "or run the app on one machine with a writable DATA_DIR.";

/**
 * Refuses to open the embedded store where it cannot keep its data. It is a journal on one
 * machine's disk: a serverless function's file system is read-only or thrown away with the
 * instance, and every instance would hold its own store, so writes would vanish silently. Better a
 * start that fails naming MONGODB_URI than a deployment that loses what listeners import.
 */
export function assertEmbeddedStoreCanLive(dataDir: string, platform: Platform): void {
  const host = platform.vercel ? "Vercel" : platform.lambdaFunction ? `AWS Lambda (${platform.lambdaFunction})` : undefined;
  if (host) {
    throw new EmbeddedStoreError(
      `The embedded store cannot run on ${host}: a serverless function's file system is not kept between invocations ` +
        `and is not shared between instances, so every write would be lost. ${HOW_TO}`,
    );
  }
  const dir = resolve(dataDir, "store");
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new EmbeddedStoreError(
      `The embedded store cannot write to DATA_DIR (${dir}: ${code}${code === "EROFS" ? ", a read-only file system" : ""}). ${HOW_TO}`,
      { cause: error },
    );
  }
}
