import { env, trustProxy } from "@/lib/env";

/** The longest address kept in a rate-limit key: more is not an address. */
const MAX_ADDRESS_LENGTH = 64;

/**
 * Who a request counts against for rate limits: a signed-in listener by their id, wherever they
 * call from; anyone else by their address, but only when a proxy we trust (Vercel, or TRUST_PROXY)
 * sets X-Forwarded-For / X-Real-IP: otherwise those headers are the client's own claim, and every
 * anonymous caller shares one key (route handlers do not see the peer's address).
 */
export function callerOf(request: Request, listener: { id: string } | null = null, trusted: boolean = trustProxy(env)): string {
  if (listener) return `listener:${listener.id}`;
  if (trusted) {
    const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    const address = forwarded || request.headers.get("x-real-ip")?.trim();
    if (address) return `address:${address.slice(0, MAX_ADDRESS_LENGTH)}`;
  }
  return "anonymous";
}
