import { createHmac, hkdfSync } from "node:crypto";
import { perProcess } from "@/lib/process-state";
import { authSecret } from "@/lib/security";

const state = perProcess("telemetry.identity", () => ({ key: undefined as Buffer | undefined, hashes: new Map<string, string>() }));

/**
 * A listener's id as logs, spans and counters show it: a keyed hash (HMAC-SHA256 with a key derived
 * from the app secret), stable for a deployment so an operator can follow one listener across lines,
 * but not reversible, nor guessable from a known Spotify id without the secret.
 */
export function hashedListenerId(id: string): string {
  const known = state.hashes.get(id);
  if (known) return known;
  state.key ??= Buffer.from(hkdfSync("sha256", authSecret(), "echotune", "log-listener-hash", 32));
  const hashed = createHmac("sha256", state.key).update(id).digest("base64url").slice(0, 16);
  if (state.hashes.size > 10_000) state.hashes.clear();
  state.hashes.set(id, hashed);
  return hashed;
}
