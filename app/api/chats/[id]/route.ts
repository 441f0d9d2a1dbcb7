import { deleteChat, loadChat, renameChat } from "@/lib/assistant";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http";
import { chatParams, renameChatBody } from "./schema";

export const dynamic = "force-dynamic";

const notFound = () => new AppError("not_found", { detail: "No such chat. It may have been deleted; start a new one." });

/** A chat and its messages; another listener's chat is a 404, as if it did not exist. */
export const GET = route({ auth: "listener", params: chatParams }, async ({ listener, params }) => {
  const chat = await loadChat(listener.id, params.id);
  if (!chat) throw notFound();
  return Response.json(chat, { headers: { "cache-control": "no-store" } });
});

export const PATCH = route({ auth: "listener", params: chatParams, body: renameChatBody }, async ({ listener, params, body }) => {
  if (!(await renameChat(listener.id, params.id, body.title))) throw notFound();
  return { id: params.id, title: body.title };
});

export const DELETE = route({ auth: "listener", params: chatParams }, async ({ listener, params }) => {
  if (!(await deleteChat(listener.id, params.id))) throw notFound();
  return new Response(null, { status: 204 });
});
