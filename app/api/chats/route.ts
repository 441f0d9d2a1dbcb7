import { listChats } from "@/lib/assistant/chats";
import { route } from "@/lib/http";
import { requireCurrentListener } from "@/lib/listener";

export const dynamic = "force-dynamic";

/** The listener's chats, newest first. */
export const GET = route({}, async () => {
  const listener = await requireCurrentListener();
  return Response.json({ chats: await listChats(listener.id) }, { headers: { "cache-control": "no-store" } });
});
