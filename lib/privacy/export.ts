import "server-only";
import { strToU8, Zip, ZipDeflate } from "fflate";
import {
  collections,
  getStore,
  type AccountDocument,
  type BlendDocument,
  type ChatDocument,
  type FeedbackDocument,
  type ImportDocument,
  type MessageDocument,
  type PlayDocument,
  type PlaylistDocument,
  type PlaylistVersionDocument,
  type ShareDocument,
  type Store,
  type UsageDocument,
  type UserDocument,
} from "@/lib/db";
import { ARCHIVE_README } from "./readme";

/** Plays read per page: a 300k-play history goes out in pages, never whole in memory. */
const PLAYS_PAGE = 2_000;

/** Who the archive is for: only their own documents are read. */
export interface ArchiveOwner {
  id: string;
}

/** `echotune-2026-05-01.zip`: the day it was made, UTC. */
export function archiveFileName(now = new Date()): string {
  return `echotune-${now.toISOString().slice(0, 10)}.zip`;
}

/** A play as the listener would recognise it: when, what, how long, where from. */
function playRow(play: PlayDocument) {
  return {
    playedAt: play.playedAt,
    track: play.trackName,
    artist: play.artistName,
    album: play.albumName,
    msPlayed: play.msPlayed,
    source: play.source,
    spotifyTrackId: play.trackId,
    platform: play.platform,
    skipped: play.skipped,
    shuffle: play.shuffle,
    reasonStart: play.reasonStart,
    reasonEnd: play.reasonEnd,
    timePrecision: play.timePrecision ?? "second",
  };
}

/**
 * Every play, oldest first, a page at a time. Keyset paging on (playedAt, _id): each page starts
 * at the last page's time and drops what it already gave, so no play is skipped or given twice
 * however many share a timestamp.
 */
async function* playPages(store: Store, userId: string): AsyncGenerator<PlayDocument[]> {
  const plays = store.collection<PlayDocument>(collections.plays);
  let last: { at: Date; id: string } | null = null;
  for (;;) {
    let page: PlayDocument[];
    if (!last) page = await plays.find({ userId }, { sort: { playedAt: 1, _id: 1 }, limit: PLAYS_PAGE });
    else {
      const { at, id } = last;
      // The rest of the last page's timestamp first (rarely more than one play), then later ones.
      const sameTime = await plays.find({ userId, playedAt: at, _id: { $gt: id } }, { sort: { _id: 1 }, limit: PLAYS_PAGE });
      page =
        sameTime.length > 0
          ? sameTime
          : await plays.find({ userId, playedAt: { $gt: at } }, { sort: { playedAt: 1, _id: 1 }, limit: PLAYS_PAGE });
    }
    if (page.length === 0) return;
    yield page;
    const end = page[page.length - 1]!;
    last = { at: end.playedAt, id: end._id };
  }
}

/** A JSON array written as it is read: `[`, rows separated by commas, `]`. */
async function* jsonArray<T>(pages: AsyncIterable<T[]>): AsyncGenerator<string> {
  yield "[";
  let first = true;
  for await (const page of pages) {
    if (page.length === 0) continue;
    yield (first ? "\n" : ",\n") + page.map((row) => JSON.stringify(row)).join(",\n");
    first = false;
  }
  yield first ? "]\n" : "\n]\n";
}

async function* once<T>(load: () => Promise<T[]>): AsyncGenerator<T[]> {
  yield await load();
}

async function* jsonDocument(load: () => Promise<unknown>): AsyncGenerator<string> {
  yield `${JSON.stringify(await load(), null, 2)}\n`;
}

/** The files of the archive, in order, each as the text chunks it is written in. */
function archiveFiles(store: Store, owner: ArchiveOwner, now: Date): Array<[string, () => AsyncIterable<string>]> {
  const userId = owner.id;
  const collection = <T extends { _id: string }>(name: string) => store.collection<T>(name);

  async function* plays() {
    for await (const page of playPages(store, userId)) yield page.map(playRow);
  }

  async function* chats() {
    const list = await collection<ChatDocument>(collections.chats).find({ userId }, { sort: { createdAt: 1 } });
    const messages = collection<MessageDocument>(collections.messages);
    // One chat (with its messages) at a time.
    for (const chat of list) {
      const inChat = await messages.find({ chatId: chat._id, userId }, { sort: { position: 1 } });
      yield [
        {
          id: chat._id,
          title: chat.title,
          createdAt: chat.createdAt,
          updatedAt: chat.updatedAt,
          messages: inChat.map((message) => ({
            id: message.messageId,
            role: message.role,
            createdAt: message.createdAt,
            parts: message.message.parts ?? [],
            metadata: message.message.metadata ?? null,
          })),
        },
      ];
    }
  }

  async function* playlists() {
    const list = await collection<PlaylistDocument>(collections.playlists).find({ userId }, { sort: { createdAt: 1 } });
    const versions = collection<PlaylistVersionDocument>(collections.playlistVersions);
    for (const playlist of list) {
      const kept = await versions.find({ playlistId: playlist._id, userId }, { sort: { version: 1 } });
      yield [
        {
          id: playlist._id,
          name: playlist.name,
          description: playlist.description,
          origin: playlist.origin,
          version: playlist.version,
          latestVersion: playlist.latestVersion,
          tracks: playlist.tracks,
          spotify: playlist.spotify
            ? { url: playlist.spotify.url, status: playlist.spotify.status, syncedVersion: playlist.spotify.syncedVersion }
            : null,
          blendId: playlist.blendId,
          createdAt: playlist.createdAt,
          updatedAt: playlist.updatedAt,
          versions: kept.map((version) => ({
            version: version.version,
            label: version.label,
            name: version.name,
            description: version.description,
            tracks: version.tracks,
            createdAt: version.createdAt,
          })),
        },
      ];
    }
  }

  const imports = () =>
    once(async () =>
      (await collection<ImportDocument>(collections.imports).find({ userId }, { sort: { createdAt: 1 } })).map((entry) => ({
        id: entry._id,
        status: entry.status,
        files: entry.files,
        counts: entry.counts,
        rejectedReasons: entry.rejectedReasons,
        listenThresholdMs: entry.listenThresholdMs ?? 30_000,
        createdAt: entry.createdAt,
        completedAt: entry.completedAt,
      })),
    );

  const feedback = () =>
    once(async () =>
      (await collection<FeedbackDocument>(collections.feedback).find({ userId }, { sort: { createdAt: 1 } })).map((opinion) => ({
        target: opinion.target,
        id: opinion.itemId,
        name: opinion.name ?? null,
        artist: opinion.artist ?? null,
        opinion: opinion.kind,
        createdAt: opinion.createdAt,
        updatedAt: opinion.updatedAt,
      })),
    );

  const usage = () =>
    once(async () =>
      (await collection<UsageDocument>(collections.usage).find({ userId }, { sort: { day: 1 } })).map((day) => ({
        day: day.day,
        model: day.model,
        requests: day.requests,
        inputTokens: day.inputTokens,
        outputTokens: day.outputTokens,
        costUsd: day.costUsd,
      })),
    );

  const shares = () =>
    once(async () =>
      (await collection<ShareDocument>(collections.shares).find({ userId }, { sort: { year: 1 } })).map((share) => ({
        year: share.year,
        enabled: share.enabled,
        link: `/share/${share._id}`,
        createdAt: share.createdAt,
        updatedAt: share.updatedAt,
      })),
    );

  const blends = () =>
    once(async () => {
      const stored = collection<BlendDocument>(collections.blends);
      const mine = [...(await stored.find({ inviterId: userId })), ...(await stored.find({ partnerId: userId }))];
      const users = collection<UserDocument>(collections.users);
      return Promise.all(
        mine.map(async (blend) => {
          const partnerId = blend.inviterId === userId ? blend.partnerId : blend.inviterId;
          // Only the name the Blend shows: nothing else of the other member is theirs to export.
          const partner = partnerId?.startsWith("friend:")
            ? partnerId.slice("friend:".length)
            : partnerId
              ? ((await users.findOne({ _id: partnerId }, { projection: { displayName: 1 } }))?.displayName ?? null)
              : null;
          return {
            id: blend._id,
            status: blend.status,
            youInvited: blend.inviterId === userId,
            partner,
            yourPlaylistId: blend.playlists.find((entry) => entry.userId === userId)?.playlistId ?? null,
            inviteExpiresAt: blend.inviteExpiresAt,
            generatedAt: blend.generatedAt,
            createdAt: blend.createdAt,
          };
        }),
      );
    });

  const settings = () =>
    jsonDocument(async () => {
      const user = await collection<UserDocument>(collections.users).findOne({ _id: userId });
      // The connection's facts only: the sealed tokens never leave the server, not even to their owner.
      const account = await collection<AccountDocument>(collections.accounts).findOne(
        { _id: userId },
        { projection: { accessToken: 0, refreshToken: 0 } },
      );
      return {
        exportedAt: now,
        profile: user
          ? {
              id: user._id,
              displayName: user.displayName,
              email: user.email,
              imageUrl: user.imageUrl,
              spotifyId: user.spotifyId,
              country: user.country,
              product: user.product,
              createdAt: user.createdAt,
              lastSeenAt: user.lastSeenAt,
            }
          : null,
        settings: user?.settings ?? null,
        spotifyConnection: account
          ? {
              spotifyId: account.spotifyId,
              status: account.status,
              scope: account.scope,
              lastSyncAt: account.lastSyncAt,
              connectedAt: account.createdAt,
            }
          : null,
      };
    });

  return [
    [
      "README.txt",
      async function* () {
        yield ARCHIVE_README;
      },
    ],
    ["plays.json", () => jsonArray(plays())],
    ["imports.json", () => jsonArray(imports())],
    ["feedback.json", () => jsonArray(feedback())],
    ["chats.json", () => jsonArray(chats())],
    ["playlists.json", () => jsonArray(playlists())],
    ["blends.json", () => jsonArray(blends())],
    ["shares.json", () => jsonArray(shares())],
    ["settings.json", settings],
    ["usage.json", () => jsonArray(usage())],
  ];
}

/**
 * "Download all my data": a zip of JSON files (README.txt says what each holds), made as it is
 * sent. Each file is read a page at a time and compressed as it goes, and the next page is read
 * only when the response has taken the bytes so far (the stream's pull), so memory stays a page
 * however long the history. Reads only documents that name `owner`.
 */
export function exportArchive(owner: ArchiveOwner, options: { store?: Store; now?: Date } = {}): ReadableStream<Uint8Array> {
  const now = options.now ?? new Date();
  const ready: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else if (chunk.length > 0) ready.push(chunk);
  });

  async function* produce(): AsyncGenerator<Uint8Array> {
    const store = options.store ?? (await getStore());
    for (const [name, chunks] of archiveFiles(store, owner, now)) {
      const file = new ZipDeflate(name, { level: 6 });
      file.mtime = now;
      zip.add(file);
      for await (const text of chunks()) {
        file.push(strToU8(text), false);
        yield* drain();
      }
      file.push(new Uint8Array(0), true);
      yield* drain();
    }
    zip.end();
    yield* drain();
  }

  function* drain(): Generator<Uint8Array> {
    if (failure) throw failure;
    while (ready.length > 0) yield ready.shift()!;
  }

  const chunks = produce();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
