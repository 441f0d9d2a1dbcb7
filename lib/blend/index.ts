import "server-only";

/**
 * Blend (issue 17): two listeners of this instance compare their taste and share a playlist drawn
 * from both histories, as Spotify's Blend does. An invite link (a week, one listener) makes the
 * pair; each then sees the taste match over a range and their own copy of the Blend playlist,
 * stored through lib/playlists. Either can leave, which ends it for both. Demo visitors can blend
 * with generated demo friends without an invite.
 */
export { acceptInvite, blendWithFriend, createInvite, declineInvite, INVITE_TTL_MS, MAX_OPEN_INVITES, previewInvite } from "./invites";
export { blendView, leaveBlend, listBlends, refreshBlend } from "./service";
export { DEMO_FRIENDS, type DemoFriend } from "./demo-friends";
export { BLEND_RANGES } from "./taste";
export type * from "./types";
