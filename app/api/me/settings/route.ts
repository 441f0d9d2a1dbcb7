import { route } from "@/lib/http";
import { settingsViewOf, updateListenerSettings } from "@/lib/listener";
import { settingsPatch } from "./schema";

export const dynamic = "force-dynamic";

const headers = { "cache-control": "private, no-store" };

/** The listener's settings, every one with its value (defaults filled in). */
export const GET = route({ auth: "listener", rateLimit: { name: "settings", limit: 120, windowSeconds: 60 } }, async ({ listener }) =>
  Response.json({ settings: settingsViewOf(listener.settings) }, { headers }),
);

/**
 * Changes some settings and returns them all. Idempotent: the same body twice leaves the same
 * settings. Pages, recommendations and the assistant follow from the next request.
 */
export const PATCH = route(
  { auth: "listener", body: settingsPatch, bodyLimit: 4 * 1024, rateLimit: { name: "settings-change", limit: 60, windowSeconds: 60 } },
  async ({ listener, body }) => Response.json(await updateListenerSettings(listener, body), { headers }),
);
