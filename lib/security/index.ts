import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { headers } from "next/headers";
import { env } from "@/lib/env";
import { perProcess } from "@/lib/process-state";
import { NONCE_HEADER } from "./headers";

/**
 * This request's CSP nonce (set by proxy.ts), for inline scripts and styles of our own. Reading it
 * renders the page per request, as a nonce must be new each time.
 */
export async function requestNonce(): Promise<string | undefined> {
  return (await headers()).get(NONCE_HEADER) ?? undefined;
}

/** The secret, read once per process (every bundle layer must seal and open with the same one). */
const secret = () => perProcess("security.auth-secret", () => ({ value: undefined as string | undefined }));

/**
 * The secret that signs sessions and encrypts stored tokens: AUTH_SECRET, or, for the zero-config
 * demo on one machine, a random one generated once and kept in DATA_DIR (mode 0600). Vercel
 * requires AUTH_SECRET (lib/env.ts), since its instances share no disk.
 */
export function authSecret(): string {
  const cached = secret();
  if (cached.value) return cached.value;
  if (env.AUTH_SECRET) return (cached.value = env.AUTH_SECRET);
  const dir = resolve(env.DATA_DIR);
  const path = join(dir, "auth-secret");
  if (!existsSync(path)) {
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(path, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
    } catch (error) {
      // Another process wrote it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    chmodSync(path, 0o600);
  }
  return (cached.value = readFileSync(path, "utf8").trim());
}

function tokenKey(): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret(), "echotune", "spotify-token-encryption", 32));
}

/** AES-256-GCM: tokens at rest are unreadable without the secret, and tampering is detected. */
export function sealToken(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", tokenKey(), iv);
  const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `v1.${iv.toString("base64url")}.${sealed.toString("base64url")}.${cipher.getAuthTag().toString("base64url")}`;
}

export function openToken(sealed: string): string {
  const [version, iv, data, tag] = sealed.split(".");
  if (version !== "v1" || !iv || !data || !tag) throw new Error("Unreadable stored token.");
  const decipher = createDecipheriv("aes-256-gcm", tokenKey(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}
