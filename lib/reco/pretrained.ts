import "server-only";
/**
 * The pretrained public artist model (`npm run reco:pretrain`, lib/reco/pretrained/README.md):
 * co-listening of 1,892 Last.fm listeners (HetRec 2011), for real listeners, whose deployment has
 * too few listeners to learn from. Loaded from disk on first use and kept for the process; absent
 * or switched off (`RECO_PUBLIC_MODEL=off`), the app serves the deployment's own model alone.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { env } from "@/lib/env";
import { perProcess } from "@/lib/process-state";
import { logger } from "@/lib/telemetry";
import { decodeArtistModel } from "./cf";
import { PRETRAINED_PATH, servedModel, type ServedModel } from "./collaborative";

export { PRETRAINED_PATH };

const loaded = perProcess("reco.pretrained", () => ({ model: undefined as Promise<ServedModel | null> | undefined, loadMs: 0, bytes: 0 }));

/** The public model, or null when it is switched off or missing (logged once). */
export function pretrainedModel(): Promise<ServedModel | null> {
  if (env.RECO_PUBLIC_MODEL === "off") return Promise.resolve(null);
  loaded.model ??= loadPretrained(join(process.cwd(), PRETRAINED_PATH)).catch((error: unknown) => {
    logger.warn({ err: error }, "reco: the pretrained public model could not be loaded; serving the deployment's model alone");
    return null;
  });
  return loaded.model;
}

/** Reads and decodes an artifact (also for benchmarks): the served model and how long it took. */
export async function loadPretrained(path: string): Promise<ServedModel> {
  const started = performance.now();
  const bytes = await readFile(path);
  const { model, meta } = decodeArtistModel(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  loaded.loadMs = performance.now() - started;
  loaded.bytes = bytes.byteLength;
  return servedModel(model, meta, "public", meta.version);
}

/** Cold-load time and size of the last load (for the benchmark and the health view). */
export function pretrainedLoadStats(): { loadMs: number; bytes: number } {
  return { loadMs: loaded.loadMs, bytes: loaded.bytes };
}
