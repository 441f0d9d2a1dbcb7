import { listChats } from "@/lib/assistant";
import { route } from "@/lib/http";

export const dynamic = "force-dynamic";

/** The listener's chats, newest first. */
export const GET = route({ auth: "listener" }, async ({ listener }) => {
  return Response.json({ chats: await listChats(listener.id) }, { headers: { "cache-control": "no-store" } });
});
