import "server-only";
import type { Listener } from "@/lib/auth";
import { blendsRepository, getStore, type BlendDocument } from "@/lib/db";
import { demoEnabled } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/telemetry";
import { demoFriendBySlug, friendMemberId } from "./demo-friends";
import { memberById, membersOf } from "./members";
import { storeBlendPlaylists } from "./playlist";
import type { InviteCreated, InvitePreview } from "./types";

/**
 * How two listeners become a Blend: the invite link (made, previewed, accepted once or declined)
 * and, for demo visitors, a demo friend at once. Accepting draws both members' playlists.
 */

type Caller = Pick<Listener, "id" | "isDemo">;

const repository = async () => blendsRepository(await getStore());

/** An invite link works for a week, as a shared link in a chat usually gets opened within days. */
export const INVITE_TTL_MS = 7 * 86_400_000;
/** Open invites per listener: enough to invite a few friends, too few to spray links. */
export const MAX_OPEN_INVITES = 5;

const badInvite = () =>
  new AppError("not_found", {
    detail: "This invite link does not work: it was declined or withdrawn, or the address is incomplete. Ask for a new link.",
  });

/** A 409 saying why an invite cannot be accepted, with a stable `reason` for the page. */
function inviteProblem(reason: string, detail: string, extensions: Record<string, unknown> = {}): AppError {
  return new AppError("conflict", { detail, extensions: { reason, ...extensions } });
}

const dateText = (date: Date) => date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** A new invite for the listener to share: the link (shown once), valid for a week and for one listener. */
export async function createInvite(caller: Caller, origin: string, now = new Date()): Promise<InviteCreated> {
  const blends = await repository();
  if ((await blends.countOpenInvites(caller.id, now)) >= MAX_OPEN_INVITES) {
    throw inviteProblem(
      "too_many_invites",
      `You have ${MAX_OPEN_INVITES} invites waiting already. Withdraw one you no longer need, or wait until one is accepted or expires.`,
    );
  }
  const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
  const { blend, token } = await blends.createInvite(caller.id, expiresAt, now);
  const path = `/blend/join/${token}`;
  return { id: blend._id, path, url: `${origin}${path}`, expiresAt: expiresAt.toISOString() };
}

/** What an invite link shows the listener who opened it (nothing is accepted by looking). */
export async function previewInvite(caller: Caller, token: string, now = new Date()): Promise<InvitePreview> {
  const blends = await repository();
  const invite = await blends.byToken(token);
  if (!invite) throw badInvite();
  const inviter = await memberById(invite.inviterId);
  if (!inviter) throw badInvite();
  const preview = { inviterName: inviter.name, expiresAt: invite.inviteExpiresAt?.toISOString() ?? null, blendId: null };
  if (invite.status === "active") {
    const member = invite.inviterId === caller.id || invite.partnerId === caller.id;
    return { ...preview, state: member ? "member" : "used", blendId: member ? invite._id : null };
  }
  if (invite.inviterId === caller.id) return { ...preview, state: "own" };
  if (!invite.inviteExpiresAt || invite.inviteExpiresAt.getTime() <= now.getTime()) return { ...preview, state: "expired" };
  const existing = await blends.byPair(invite.inviterId, caller.id);
  if (existing) return { ...preview, state: "already", blendId: existing._id };
  return { ...preview, state: "open" };
}

/** Accepts an invite: the two become members, and each gets the Blend playlist. Returns the Blend's id. */
export async function acceptInvite(caller: Caller, token: string, now = new Date()): Promise<{ id: string }> {
  const blends = await repository();
  const outcome = await blends.accept(token, caller.id, now);
  if (!outcome.ok) {
    const inviter = outcome.blend ? await memberById(outcome.blend.inviterId) : null;
    const who = inviter?.name ?? "the listener who invited you";
    switch (outcome.reason) {
      case "not_found":
        throw badInvite();
      case "expired":
        throw inviteProblem(
          "invite_expired",
          `This invite expired on ${dateText(outcome.blend?.inviteExpiresAt ?? now)}. Ask ${who} for a new link.`,
        );
      case "used":
        if (outcome.blend && outcome.blend.partnerId === caller.id) return { id: outcome.blend._id };
        throw inviteProblem("invite_used", `This invite has been used already: a link works for one listener. Ask ${who} for a new one.`);
      case "own":
        throw inviteProblem("own_invite", "This is your own invite. Send the link to the listener you want to blend with.");
      case "already":
        throw inviteProblem("already_blended", `You and ${who} already have a Blend: open it from Blend instead.`, {
          blendId: (await blends.byPair(outcome.blend?.inviterId ?? "", caller.id))?._id ?? null,
        });
    }
  }
  await drawPlaylists(outcome.blend, now);
  return { id: outcome.blend._id };
}

/** Draws and stores the playlists of a new Blend; a failure leaves the Blend without them, and Refresh tries again. */
async function drawPlaylists(blend: BlendDocument, now: Date): Promise<void> {
  const members = await membersOf(blend);
  if (!members) return;
  try {
    await storeBlendPlaylists(blend, members, now);
  } catch (error) {
    logger.error({ err: error, blendId: blend._id }, "blend: the playlist could not be drawn");
  }
}

/** Declines an invite: it is gone for good (the inviter sees it no more). */
export async function declineInvite(caller: Caller, token: string): Promise<void> {
  if (!(await (await repository()).decline(token, caller.id))) throw badInvite();
}

/** A demo visitor's Blend with a demo friend, made at once (no invite): returns its id. */
export async function blendWithFriend(caller: Caller, slug: string, now = new Date()): Promise<{ id: string }> {
  const friend = demoFriendBySlug(slug);
  if (!friend || !caller.isDemo || !demoEnabled()) {
    throw new AppError("not_found", { detail: "No such demo friend. Demo friends are offered to demo visitors on the Blend page." });
  }
  const blends = await repository();
  const blend = await blends.createDirect(caller.id, friendMemberId(friend), now);
  if (!blend) {
    throw inviteProblem("already_blended", `You already have a Blend with ${friend.name}: open it from Blend.`, {
      blendId: (await blends.byPair(caller.id, friendMemberId(friend)))?._id ?? null,
    });
  }
  await drawPlaylists(blend, now);
  return { id: blend._id };
}
