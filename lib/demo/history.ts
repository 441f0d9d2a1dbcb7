/**
 * The demo listener's streaming history: years of plays with the structure real histories have.
 * Days follow a rhythm (quiet nights, commutes, evenings; weekends start late), plays come in
 * sessions, some records are played start to finish, a fifth or so of streams are skipped within
 * seconds, favourite artists change with the phases of the listener's taste and old loves return.
 * Like real listeners, they replay: a track or artist they have just found is played a lot for
 * days or weeks and then fades, what they played in the last month comes back again and again,
 * and now and then an old favourite from years ago returns for a play. Half of what they discover
 * comes from their favourites' neighbourhood (the catalogue's "fans also like", the same for every
 * listener), the rest from their genres at large.
 * Streams are stamped like Spotify's export: `ts` is when playback ended, in UTC.
 *
 * One file: the whole history is drawn from one seeded random stream, and moving a draw to
 * another module would silently change every generated listener.
 */
import {
  getDemoCatalog,
  type DemoAlbum,
  type DemoArtist,
  type DemoCatalog,
  type DemoEpisode,
  type DemoShow,
  type DemoTrack,
} from "./catalog";
import { deviceTimeline, isPhone, TRAVEL_COUNTRIES, TRAVEL_WEIGHTS, type DemoPlatform } from "./devices";
import { createRandom, weightedSampler, type Random } from "./random";
import { buildTaste, type Taste, type TastePhase } from "./taste";
import { DAY_MS, HOUR_MS, localDays, MINUTE_MS, SATURDAY, SUNDAY, type LocalDay } from "./time";

export type ReasonStart = "trackdone" | "fwdbtn" | "clickrow" | "playbtn" | "appload" | "remote" | "backbtn" | "trackerror" | "unknown";
export type ReasonEnd =
  | "endplay"
  | "trackdone"
  | "fwdbtn"
  | "logout"
  | "backbtn"
  | "remote"
  | "unexpected-exit-while-paused"
  | "unexpected-exit"
  | "unknown"
  | "trackerror";

export interface DemoStream {
  /** When playback ended (UTC), as in Spotify's export. */
  ts: Date;
  trackId: string | null;
  episodeId: string | null;
  msPlayed: number;
  reasonStart: ReasonStart;
  reasonEnd: ReasonEnd;
  shuffle: boolean;
  skipped: boolean;
  platform: DemoPlatform;
  offline: boolean;
  /** Epoch seconds when playback started, reported by apps that can play offline. */
  offlineTimestamp: number | null;
  incognito: boolean;
  connCountry: string;
}

export interface ListeningHistoryOptions {
  seed?: number;
  plays?: number;
  /** The history stops before this instant; every stream's `ts` is earlier (default `DEFAULT_HISTORY_END`). */
  end?: Date;
  years?: number;
  /** The listener's home zone: the daily rhythm is local time. */
  timeZone?: string;
  /** Where the listener lives (ISO 3166-1 alpha-2); trips abroad show other countries. */
  homeCountry?: string;
  /**
   * The catalogue the listener plays from (default: `seed`'s). Listeners with their own `seed`
   * and one shared `catalogSeed` are a cohort: different tastes over the same music.
   */
  catalogSeed?: number;
}

/**
 * The built-in demo listener. Their history ends where today starts in their zone, so it has no
 * fixed end here: `demoListenerOptions` (./today.ts) gives the options for a given instant.
 */
export const DEMO_LISTENER = {
  seed: 1,
  plays: 60_000,
  years: 8,
  timeZone: "Europe/Berlin",
  homeCountry: "DE",
} as const;

/**
 * Where a history ends when its options name no end: a fixed instant, so the generator stays a
 * pure function of its options and tests, benchmarks and evaluations reproduce on any day.
 */
export const DEFAULT_HISTORY_END = "2026-11-01T00:00:00Z";

/** The most the generator accepts: more than a decade of heavy listening. */
export const MAX_DEMO_PLAYS = 1_000_000;
/** Beyond this many streams a day on average, days overflow and the daily rhythm is lost. */
export const MAX_DEMO_PLAYS_PER_DAY = 300;

type SessionKind = "favourites" | "album" | "discovery" | "rediscovery" | "podcast";

interface DayPlan {
  day: LocalDay;
  weight: number;
  /** Set while the listener is abroad. */
  country: string | null;
}

interface Session {
  start: number;
  hour: number;
  kind: SessionKind;
  size: number;
  weekend: boolean;
  country: string | null;
}

// Relative listening by local hour. Weekdays peak on the commutes and in the evening; weekends
// start late and run late. Both stay near zero from two to five in the morning.
const WEEKDAY_HOURS = [
  0.35, 0.15, 0.06, 0.03, 0.03, 0.12, 0.55, 1.6, 2.0, 1.15, 0.9, 0.95, 1.15, 1.0, 0.95, 1.0, 1.25, 1.85, 1.75, 1.35, 1.45, 1.55, 1.15, 0.7,
];
const WEEKEND_HOURS = [
  0.8, 0.5, 0.25, 0.08, 0.04, 0.04, 0.08, 0.2, 0.45, 0.85, 1.2, 1.4, 1.3, 1.2, 1.3, 1.4, 1.4, 1.3, 1.3, 1.35, 1.5, 1.6, 1.45, 1.15,
];
const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
const weekdayHour = weightedSampler(HOURS, WEEKDAY_HOURS);
const weekendHour = weightedSampler(HOURS, WEEKEND_HOURS);
const sessionEnding = weightedSampler<ReasonEnd>(
  ["endplay", "trackdone", "logout", "unexpected-exit-while-paused", "unexpected-exit", "remote"],
  [52, 36, 4, 4, 2, 2],
);
const FIRST_STARTS: ReasonStart[] = ["clickrow", "playbtn", "appload", "remote", "unknown"];
// Remote starts (another device in control) are a desktop habit more than a phone one.
const phoneFirstStart = weightedSampler(FIRST_STARTS, [45, 30, 15, 2, 2]);
const desktopFirstStart = weightedSampler(FIRST_STARTS, [45, 30, 15, 8, 2]);

const clamp = (value: number, low: number, high: number): number => Math.min(high, Math.max(low, value));

export function generateListeningHistory(options: ListeningHistoryOptions = {}): DemoStream[] {
  const seed = options.seed ?? DEMO_LISTENER.seed;
  const plays = Math.floor(options.plays ?? DEMO_LISTENER.plays);
  const years = options.years ?? DEMO_LISTENER.years;
  const endMs = (options.end ?? new Date(DEFAULT_HISTORY_END)).getTime();
  const timeZone = options.timeZone ?? DEMO_LISTENER.timeZone;
  const homeCountry = options.homeCountry ?? DEMO_LISTENER.homeCountry;
  if (!Number.isFinite(plays) || plays < 0 || plays > MAX_DEMO_PLAYS)
    throw new RangeError(`plays must be between 0 and ${MAX_DEMO_PLAYS}.`);
  if (!(years > 0 && years <= 30)) throw new RangeError("years must be more than 0 and at most 30.");
  if (!Number.isFinite(endMs)) throw new RangeError("end must be a valid date.");
  if (plays === 0) return [];

  const catalog = getDemoCatalog(options.catalogSeed ?? seed);
  // The listener's own randomness; a cohort member's also depends on the shared catalogue.
  const random = createRandom(
    options.catalogSeed === undefined || options.catalogSeed === seed
      ? `history:${seed}`
      : `history:${seed}:catalog:${options.catalogSeed}`,
  );
  const days = localDays(endMs - Math.round(years * 365.2425 * DAY_MS), endMs, timeZone);
  const firstDay = days[0];
  const lastDay = days[days.length - 1];
  if (!firstDay || !lastDay) throw new RangeError("The history must span at least one whole day.");
  if (plays > days.length * MAX_DEMO_PLAYS_PER_DAY) {
    throw new RangeError(`${plays} plays in ${days.length} days is more than ${MAX_DEMO_PLAYS_PER_DAY} a day: ask for more years.`);
  }
  const taste = buildTaste(catalog, random.fork("taste"), firstDay.start, lastDay.start + DAY_MS);
  const plans = planDays(days, random.fork("days"));
  const counts = allocate(
    plays,
    plans.map((plan) => plan.weight),
  );
  const listener = createListener(catalog, taste, random.fork("listener"), days.length, homeCountry);

  const streams: DemoStream[] = [];
  const sessionRandom = random.fork("sessions");
  let cursor = firstDay.start;
  plans.forEach((plan, index) => {
    const count = counts[index] ?? 0;
    if (count === 0) return;
    const sessions = planSessions(plan, count, index / days.length, taste, sessionRandom);
    for (const session of sessions) {
      // Sessions never overlap: a late one waits until the previous has finished.
      const begin = Math.max(session.start, cursor + sessionRandom.int(2, 25) * MINUTE_MS);
      cursor = listener.play(session, begin, index, streams);
    }
  });

  // A heavy last evening can run past the end; move the whole history back rather than drop plays.
  const last = streams[streams.length - 1];
  // Whole seconds, so the offline timestamps (in seconds) move by exactly as much.
  const overshoot = last ? Math.ceil((last.ts.getTime() - endMs + 1) / 1000) : 0;
  if (overshoot > 0) {
    for (const stream of streams) {
      stream.ts = new Date(stream.ts.getTime() - overshoot * 1000);
      if (stream.offlineTimestamp !== null) stream.offlineTimestamp -= overshoot;
    }
  }
  return streams;
}

/** How much each day gets listened, before the plays are shared out. */
function planDays(days: readonly LocalDay[], random: Random): DayPlan[] {
  const plans: DayPlan[] = days.map((day) => ({ day, weight: 1, country: null }));
  // Months of heavier and lighter listening: a mean-reverting walk on the log scale.
  let mood = 0;
  let moodMonth = -1;
  plans.forEach((plan, index) => {
    const month = plan.day.year * 12 + plan.day.month;
    if (month !== moodMonth) {
      mood = 0.8 * mood + random.normal(0, 0.22);
      moodMonth = month;
    }
    const weekday = plan.day.weekday === SUNDAY ? 0.8 : plan.day.weekday === SATURDAY ? 0.9 : 1;
    const season = 1 + 0.12 * Math.cos((2 * Math.PI * (plan.day.dayOfYear - 15)) / 365);
    const rampUp = Math.min(1, 0.3 + index / 90);
    const noise = random.chance(0.04) ? 0 : clamp(random.logNormal(1, 0.45), 0.2, 2.5);
    plan.weight = weekday * season * Math.exp(mood) * rampUp * noise;
  });
  // Each year: a quiet week or so without music, and a few trips abroad.
  for (let from = 0; from < plans.length; from += 365) {
    const quietStart = from + random.int(0, 364);
    for (let index = quietStart; index < Math.min(plans.length, quietStart + random.int(3, 8)); index++) {
      const plan = plans[index];
      if (plan) plan.weight *= 0.05;
    }
    const trips = random.weighted([1, 2, 3], [2, 3, 1]);
    for (let trip = 0; trip < trips; trip++) {
      const country = random.weighted(TRAVEL_COUNTRIES, TRAVEL_WEIGHTS);
      const tripStart = from + random.int(0, 364);
      for (let index = tripStart; index < Math.min(plans.length, tripStart + random.int(4, 12)); index++) {
        const plan = plans[index];
        if (plan && plan.country === null) {
          plan.country = country;
          plan.weight *= 0.7;
        }
      }
    }
  }
  return plans;
}

/** Shares `total` out in proportion to the weights, exactly, by rounding the running sum. */
function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((accumulated, weight) => accumulated + weight, 0);
  if (sum <= 0) return weights.map((_, index) => (index === weights.length - 1 ? total : 0));
  let running = 0;
  let given = 0;
  return weights.map((weight) => {
    running += (total * weight) / sum;
    const share = Math.round(running) - given;
    given += share;
    return share;
  });
}

function planSessions(plan: DayPlan, count: number, progress: number, taste: Taste, random: Random): Session[] {
  const weekend = plan.day.weekday === SATURDAY || plan.day.weekday === SUNDAY || plan.country !== null;
  const phase = taste.phaseAt(plan.day.start + 12 * HOUR_MS);
  const sessions: Session[] = [];
  for (let remaining = count; remaining > 0;) {
    const hour = (weekend ? weekendHour : weekdayHour)(random);
    const kind = sessionKind(hour, weekend, progress, phase, random);
    const wanted =
      kind === "podcast" ? (random.chance(0.2) ? 2 : 1) : Math.max(1, Math.round(random.logNormal(kind === "album" ? 11 : 9, 0.65)));
    const size = Math.min(remaining, wanted);
    const start = plan.day.start + hour * HOUR_MS + random.int(0, 59) * MINUTE_MS + random.int(0, 59_999);
    sessions.push({ start, hour, kind, size, weekend, country: plan.country });
    remaining -= size;
  }
  return sessions.sort((a, b) => a.start - b.start);
}

function sessionKind(hour: number, weekend: boolean, progress: number, phase: TastePhase, random: Random): SessionKind {
  // Podcasts arrive a year or so in and belong to mornings and commutes.
  const commute = !weekend && (hour === 7 || hour === 8 || hour === 17 || hour === 18);
  const podcast = progress < 0.12 ? 0 : (commute ? 0.45 : hour < 12 ? 0.3 : 0.12) * Math.min(1, (progress - 0.1) * 4);
  const album = 0.15 - 0.06 * progress;
  const rediscovery = phase.formerFavourites.length > 0 ? 0.03 : 0;
  const roll = random.next();
  if (roll < podcast) return "podcast";
  if (roll < podcast + album) return "album";
  if (roll < podcast + album + rediscovery) return "rediscovery";
  return roll < podcast + album + rediscovery + 0.17 ? "discovery" : "favourites";
}

interface Revival {
  artist: DemoArtist;
  until: number;
}

/** A new find the listener is hooked on: played a lot from `from`, fading over `fadeMs`. */
interface Crush {
  track: DemoTrack;
  artist: DemoArtist | undefined;
  from: number;
  fadeMs: number;
}

/** A play of at least 30 s, for replays: the listener goes back to what they actually listened to. */
interface Listened {
  time: number;
  track: DemoTrack;
}

const RECENT_REPLAY_MS = 30 * DAY_MS;
const RELATED_PER_ARTIST = 8;
const OLD_RETURN_MS = 180 * DAY_MS;

interface Outcome {
  msPlayed: number;
  reasonEnd: ReasonEnd;
  pauseMs: number;
}

const NEXT_START: Record<ReasonEnd, ReasonStart> = {
  trackdone: "trackdone",
  fwdbtn: "fwdbtn",
  backbtn: "backbtn",
  endplay: "clickrow",
  trackerror: "trackerror",
  remote: "remote",
  logout: "appload",
  "unexpected-exit": "appload",
  "unexpected-exit-while-paused": "appload",
  unknown: "unknown",
};

/** The listener's habits: what a session plays, how often they skip, which device they hold. */
function createListener(catalog: DemoCatalog, taste: Taste, random: Random, dayCount: number, homeCountry: string) {
  const devices = deviceTimeline(random.fork("devices"));
  const podcastRandom = random.fork("podcasts");
  const nextEpisode = new Map<string, number>();
  const releasedAt = new Map<string, number>();
  for (const episode of catalog.episodes) releasedAt.set(episode.id, Date.parse(`${episode.releaseDate}T00:00:00Z`));
  const firstEpisodeAt = new Map<string, number>();
  for (const show of catalog.shows) {
    const first = catalog.episodesByShow.get(show.id)?.[0];
    firstEpisodeAt.set(show.id, first ? (releasedAt.get(first.id) ?? Infinity) : Infinity);
  }
  let subscriptions: DemoShow[] = [];
  let subscriptionsUntil = -Infinity;
  let revival: Revival | null = null;
  let crushes: Crush[] = [];
  // An artist's related artists ("fans also like"): drawn from the catalogue alone, so every
  // listener of one catalogue sees the same neighbourhood.
  const related = new Map<string, DemoArtist[]>();
  const relatedOf = (artist: DemoArtist): DemoArtist[] => {
    let found = related.get(artist.id);
    if (!found) {
      const sameGenre = catalog.artists.filter((other) => other !== artist && other.genres.some((genre) => artist.genres.includes(genre)));
      const draw = createRandom(`related:${catalog.seed}:${artist.id}`);
      found = [];
      const weights = sameGenre.map((other) => (other.popularity + 10) ** 1.5);
      while (found.length < RELATED_PER_ARTIST && sameGenre.length > 0) {
        const chosen = draw.weighted(sameGenre, weights);
        const at = sameGenre.indexOf(chosen);
        sameGenre.splice(at, 1);
        weights.splice(at, 1);
        found.push(chosen);
      }
      related.set(artist.id, found);
    }
    return found;
  };
  const discoveryArtist = (phase: TastePhase, time: number, pick: Random): DemoArtist => {
    if (pick.chance(0.5)) {
      const near = relatedOf(phase.pickFavourite(pick)).filter((artist) => taste.firstReleaseOf(artist) <= time);
      if (near.length > 0) return pick.pick(near);
    }
    return phase.pickDiscovery(pick);
  };
  const listened: Listened[] = [];
  // `listened[recentFrom..]` are the last 30 days, `listened[..oldUntil]` older than six months.
  let recentFrom = 0;
  let oldUntil = 0;

  const podcastsAt = (time: number): DemoShow[] => {
    if (time >= subscriptionsUntil) {
      // Every year or two one followed show is dropped for another that has started by then.
      const available = catalog.shows.filter((show) => (firstEpisodeAt.get(show.id) ?? Infinity) <= time);
      const kept = subscriptions.filter(() => podcastRandom.chance(0.5));
      const fresh = podcastRandom.shuffle(available.filter((show) => !kept.includes(show)));
      subscriptions = [...kept, ...fresh].slice(0, 2 + podcastRandom.int(0, 1));
      subscriptionsUntil = time + podcastRandom.int(300, 700) * DAY_MS;
    }
    return subscriptions;
  };

  const episodeFor = (show: DemoShow, time: number): DemoEpisode | undefined => {
    const episodes = catalog.episodesByShow.get(show.id) ?? [];
    let index = nextEpisode.get(show.id);
    const released = (episode: DemoEpisode | undefined) => episode !== undefined && (releasedAt.get(episode.id) ?? Infinity) <= time;
    if (index === undefined) {
      // A new follower starts with the latest few episodes.
      index = episodes.length - 1;
      while (index > 0 && !released(episodes[index])) index--;
      index = Math.max(0, index - podcastRandom.int(0, 3));
    }
    // Caught up with a show that has ended: dip into its archive.
    if (index >= episodes.length) return episodes.length > 0 ? podcastRandom.pick(episodes) : undefined;
    if (!released(episodes[index])) return undefined;
    nextEpisode.set(show.id, index + 1);
    return episodes[index];
  };

  const favouriteTrack = (phase: TastePhase, time: number, pick: Random): DemoTrack => {
    // Bursts: the fresher a find, the likelier it is replayed (the track itself, or more of its artist).
    crushes = crushes.filter((crush) => time - crush.from < 3 * crush.fadeMs);
    if (crushes.length > 0) {
      const weights = crushes.map((crush) => Math.exp(-(time - crush.from) / crush.fadeMs));
      const pull = weights.reduce((sum, weight) => sum + weight, 0);
      if (pick.chance(Math.min(0.5, 0.3 * pull))) {
        const crush = pick.weighted(crushes, weights);
        const track = crush.artist && pick.chance(0.35) ? taste.trackBy(crush.artist, time, pick) : crush.track;
        if (track) return track;
      }
    }
    // Heavy replay of the last month: any recent listen may come back, the most played the likeliest.
    while (recentFrom < listened.length && listened[recentFrom]!.time < time - RECENT_REPLAY_MS) recentFrom++;
    if (recentFrom < listened.length && pick.chance(0.3)) return listened[pick.int(recentFrom, listened.length - 1)]!.track;
    // The long tail: once in a while an old favourite returns.
    while (oldUntil < listened.length && listened[oldUntil]!.time < time - OLD_RETURN_MS) oldUntil++;
    if (oldUntil > 0 && pick.chance(0.03)) return listened[pick.int(0, oldUntil - 1)]!.track;
    if (revival && revival.until > time && pick.chance(0.3)) {
      const track = taste.trackBy(revival.artist, time, pick);
      if (track) return track;
    }
    if (pick.chance(0.45)) return phase.pickRotation(pick);
    return taste.trackBy(phase.pickFavourite(pick), time, pick) ?? phase.pickRotation(pick);
  };

  const chooseAlbum = (phase: TastePhase, time: number, pick: Random): DemoAlbum | undefined => {
    // A favourite's record out in the last two months jumps the queue.
    if (pick.chance(0.5)) {
      for (const artist of phase.favourites) {
        const albums = catalog.albumsByArtist.get(artist.id) ?? [];
        for (let index = albums.length - 1; index >= 0; index--) {
          const album = albums[index];
          if (!album) continue;
          const released = taste.releaseOf(album.id);
          if (released > time) continue;
          if (time - released < 60 * DAY_MS && album.albumType !== "compilation") return album;
          break;
        }
      }
    }
    const artist = revival && revival.until > time && pick.chance(0.3) ? revival.artist : phase.pickFavourite(pick);
    const albums = (catalog.albumsByArtist.get(artist.id) ?? []).filter((album) => taste.releaseOf(album.id) <= time);
    if (albums.length === 0) return undefined;
    return pick.weighted(
      albums,
      albums.map((album) =>
        album.albumType === "album" ? 3 : album.albumType === "compilation" ? 1 : album.totalTracks >= 4 ? 0.5 : 0.15,
      ),
    );
  };

  const skipOutcome = (track: { durationMs: number }, pick: Random): number => {
    const roll = pick.next();
    const ms = roll < 0.1 ? 0 : roll < 0.45 ? pick.int(200, 8_000) : roll < 0.9 ? pick.int(8_000, 29_999) : pick.int(30_000, 90_000);
    return Math.min(ms, track.durationMs);
  };

  const musicOutcome = (track: DemoTrack, skipChance: number, last: boolean, pick: Random): Outcome => {
    const pauseMs = pick.chance(0.03) ? pick.int(1, 20) * MINUTE_MS + pick.int(0, 59_999) : 0;
    const full = Math.max(0, track.durationMs - pick.int(0, 1_200));
    if (pick.chance(0.002)) return { msPlayed: 0, reasonEnd: "trackerror", pauseMs: 0 };
    if (pick.chance(skipChance))
      return { msPlayed: skipOutcome(track, pick), reasonEnd: pick.chance(0.9) ? "fwdbtn" : "backbtn", pauseMs: 0 };
    if (last) {
      const ending = sessionEnding(pick);
      return {
        msPlayed: ending === "trackdone" ? full : Math.round(track.durationMs * pick.float(0.04, 0.95)),
        reasonEnd: ending,
        pauseMs,
      };
    }
    if (pick.chance(0.04)) return { msPlayed: Math.round(track.durationMs * pick.float(0.05, 0.9)), reasonEnd: "endplay", pauseMs };
    return { msPlayed: full, reasonEnd: "trackdone", pauseMs };
  };

  const firstStart = (platform: DemoPlatform, pick: Random): ReasonStart => (isPhone(platform) ? phoneFirstStart : desktopFirstStart)(pick);

  function play(session: Session, begin: number, dayIndex: number, out: DemoStream[]): number {
    const pick = random;
    const progress = dayIndex / dayCount;
    const phase = taste.phaseAt(begin);
    const commute = !session.weekend && (session.hour === 7 || session.hour === 8 || session.hour === 17 || session.hour === 18);
    const atWork = !session.weekend && session.hour >= 9 && session.hour < 17;
    const onPhone =
      session.country !== null || commute || session.kind === "podcast" ? pick.chance(0.95) : atWork ? pick.chance(0.3) : pick.chance(0.6);
    const platform = onPhone ? devices.phone(progress) : devices.desktop(progress, pick);
    const offline = isPhone(platform) && pick.chance(session.country !== null ? 0.5 : commute ? 0.25 : 0.04);
    const reportsOfflineTime = offline || pick.chance(0.45);
    const incognito = pick.chance(0.007);
    const connCountry = session.country ?? homeCountry;
    const shuffle = session.kind === "album" ? pick.chance(0.04) : session.kind === "podcast" ? false : pick.chance(0.55 - 0.2 * progress);
    let reasonStart = firstStart(platform, pick);
    let time = begin;

    const emit = (item: { trackId: string | null; episodeId: string | null }, outcome: Outcome) => {
      const ts = time + outcome.msPlayed + outcome.pauseMs;
      out.push({
        ts: new Date(ts),
        trackId: item.trackId,
        episodeId: item.episodeId,
        msPlayed: outcome.msPlayed,
        reasonStart,
        reasonEnd: outcome.reasonEnd,
        shuffle,
        skipped: outcome.reasonEnd === "fwdbtn",
        platform,
        offline,
        offlineTimestamp: reportsOfflineTime ? Math.floor(time / 1000) : null,
        incognito,
        connCountry,
      });
      const gap =
        outcome.reasonEnd === "trackdone" || outcome.reasonEnd === "trackerror"
          ? pick.int(0, 800)
          : outcome.reasonEnd === "endplay"
            ? pick.int(2_000, 20_000)
            : pick.int(0, 300);
      reasonStart = NEXT_START[outcome.reasonEnd];
      time = ts + gap;
    };

    if (session.kind === "podcast") {
      const shows = pick.shuffle([...podcastsAt(begin)]);
      let played = 0;
      for (; played < session.size; played++) {
        let episode: DemoEpisode | undefined;
        for (let index = 0; !episode && index < shows.length; index++) episode = episodeFor(shows[index] as DemoShow, time);
        if (!episode) break;
        const roll = pick.next();
        const outcome: Outcome =
          roll < 0.1
            ? { msPlayed: skipOutcome(episode, pick), reasonEnd: "fwdbtn", pauseMs: 0 }
            : roll < 0.45
              ? {
                  msPlayed: Math.round(episode.durationMs * pick.float(0.1, 0.9)),
                  reasonEnd: "endplay",
                  pauseMs: pick.chance(0.2) ? pick.int(2, 40) * MINUTE_MS : 0,
                }
              : { msPlayed: Math.max(0, episode.durationMs - pick.int(0, 5_000)), reasonEnd: "trackdone", pauseMs: 0 };
        emit({ trackId: null, episodeId: episode.id }, outcome);
      }
      // No episode to hear: the listener puts music on instead.
      if (played < session.size)
        return playMusic({ ...session, kind: "favourites", size: session.size - played }, phase, progress, emit, () => time, shuffle, pick);
      return time;
    }
    return playMusic(session, phase, progress, emit, () => time, shuffle, pick);
  }

  function playMusic(
    session: Session,
    phase: TastePhase,
    progress: number,
    emit: (item: { trackId: string; episodeId: null }, outcome: Outcome) => void,
    now: () => number,
    shuffle: boolean,
    pick: Random,
  ): number {
    const shuffleSkips = shuffle ? 0.07 : 0;
    let albumTracks: readonly DemoTrack[] = [];
    let position = 0;
    let rediscovered: DemoArtist | undefined;
    if (session.kind === "album") {
      const album = chooseAlbum(phase, now(), pick);
      albumTracks = album ? (catalog.tracksByAlbum.get(album.id) ?? []) : [];
      position = pick.chance(0.8) ? 0 : pick.int(0, Math.max(0, albumTracks.length - 2));
    }
    if (session.kind === "rediscovery" && phase.formerFavourites.length > 0) {
      rediscovered = pick.pick(phase.formerFavourites);
      revival = { artist: rediscovered, until: now() + pick.int(3, 21) * DAY_MS };
    }
    let previous: DemoTrack | undefined;
    let beforePrevious: DemoTrack | undefined;
    let lastEnd: ReasonEnd | undefined;
    for (let index = 0; index < session.size; index++) {
      const time = now();
      let track: DemoTrack | undefined;
      let skipChance: number;
      let discovered = false;
      if (lastEnd === "backbtn" && beforePrevious) {
        track = beforePrevious;
        skipChance = 0.05;
      } else if (albumTracks.length > 0 && position < albumTracks.length) {
        track = albumTracks[position];
        skipChance = 0.07 + shuffleSkips;
      } else if (session.kind === "discovery" && pick.chance(0.8)) {
        track = taste.trackBy(discoveryArtist(phase, time, pick), time, pick);
        skipChance = 0.48 + shuffleSkips;
        discovered = true;
      } else if (rediscovered && pick.chance(0.7)) {
        track = taste.trackBy(rediscovered, time, pick);
        skipChance = 0.15 + shuffleSkips;
      } else {
        track = favouriteTrack(phase, time, pick);
        skipChance = 0.2 + shuffleSkips - 0.04 * progress;
      }
      if (!track || track === previous) {
        track = favouriteTrack(phase, time, pick);
        discovered = false;
      }
      const outcome = musicOutcome(track, skipChance, index === session.size - 1, pick);
      emit({ trackId: track.id, episodeId: null }, outcome);
      if (outcome.msPlayed >= 30_000 && outcome.reasonEnd !== "fwdbtn") {
        listened.push({ time, track });
        // A discovery that was listened to may hook the listener for days or weeks.
        if (discovered && pick.chance(0.12))
          crushes.push({
            track,
            artist: catalog.artistsById.get(track.artistIds[0] ?? ""),
            from: time,
            fadeMs: pick.int(4, 30) * DAY_MS,
          });
      }
      if (albumTracks.length > 0) position = outcome.reasonEnd === "backbtn" ? Math.max(0, position - 1) : position + 1;
      beforePrevious = previous;
      previous = track;
      lastEnd = outcome.reasonEnd;
      // An album played to its end ends the session's album part; the rest is the usual mix.
      if (albumTracks.length > 0 && position >= albumTracks.length) albumTracks = [];
    }
    return now();
  }

  return { play };
}
