/**
 * Drift: how far the listening the active model was trained on is from the listening now, and how
 * listeners' acceptance of recommendations moved since. Pure computation (the store-reading part is
 * `lifecycle.ts`), so each threshold is tested on synthetic numbers.
 */

/** Artists kept in a version's recorded mix: the rest of the plays fold into one "other" share. */
export const MIX_TOP_ARTISTS = 500;
/**
 * The artist mix moved this far (total variation distance: the share of listens that would have
 * to change artist to turn one mix into the other, 0 to 1) → retrain.
 */
export const MIX_SHIFT_THRESHOLD = 0.2;
/** Acceptance fell by this much (0.15 = 15 percentage points of opinions that were likes) → retrain. */
export const ACCEPTANCE_DROP_THRESHOLD = 0.15;
/** Fewer opinions than this on either side of the training say nothing about acceptance. */
export const MIN_OPINIONS = 10;
/** A version this old is retrained whatever the drift. */
export const MAX_MODEL_AGE_DAYS = 30;

const DAY_MS = 86_400_000;

/** The listeners' artist mix: the top artists' shares of all listens, in descending order. */
export interface ArtistMix {
  /** Normalised artist keys (`ArtistEntry.key`). */
  artists: string[];
  /** Each artist's share of all listens, same order; the rest (1 − their sum) is "other". */
  shares: number[];
  /** Listens counted. */
  listens: number;
}

/**
 * The mix of a listener × artist matrix (`matrixFrom`): each artist's share of all listens, the top
 * `top` kept. Shares are rounded to 6 decimals: a recorded mix stays compact.
 */
export function artistMixOf(
  matrix: { artists: readonly string[]; rows: ReadonlyArray<ReadonlyMap<number, number>> },
  top = MIX_TOP_ARTISTS,
): ArtistMix {
  const totals = new Float64Array(matrix.artists.length);
  let listens = 0;
  for (const row of matrix.rows)
    for (const [artist, count] of row) {
      totals[artist] = totals[artist]! + count;
      listens += count;
    }
  const order = [...totals.keys()].filter((artist) => totals[artist]! > 0);
  order.sort((a, b) => totals[b]! - totals[a]! || (matrix.artists[a]! < matrix.artists[b]! ? -1 : 1));
  const kept = order.slice(0, top);
  return {
    artists: kept.map((artist) => matrix.artists[artist]!),
    shares: kept.map((artist) => Math.round((totals[artist]! / listens) * 1e6) / 1e6),
    listens,
  };
}

/**
 * Total variation distance between two mixes: half the sum of the differences of each artist's
 * share, plus the difference of the "other" shares (the artists outside the top lists). An artist
 * in one top list only counts as 0 on the other side, where its share is below that list's last one:
 * exact while a deployment has fewer artists than the top list holds, and off by at most that last
 * share per artist beyond. 0 for the same mix, 1 for mixes with no artist in common.
 */
export function mixShift(before: ArtistMix, now: ArtistMix): number {
  if (before.listens === 0 && now.listens === 0) return 0;
  if (before.listens === 0 || now.listens === 0) return 1;
  const shares = new Map(now.artists.map((artist, position) => [artist, now.shares[position]!]));
  let distance = 0;
  before.artists.forEach((artist, position) => {
    distance += Math.abs(before.shares[position]! - (shares.get(artist) ?? 0));
    shares.delete(artist);
  });
  for (const share of shares.values()) distance += share;
  const other = (mix: ArtistMix) => Math.max(0, 1 - mix.shares.reduce((sum, share) => sum + share, 0));
  distance += Math.abs(other(before) - other(now));
  return Math.min(1, Math.round((distance / 2) * 1e4) / 1e4);
}

/** Listeners' opinions of recommendations: likes accept, dislikes and "not now" turn down. */
export interface AcceptanceTally {
  accepted: number;
  declined: number;
}

/** The share of opinions that were likes; null without any opinion. */
export function acceptanceRate(tally: AcceptanceTally): number | null {
  const total = tally.accepted + tally.declined;
  return total === 0 ? null : tally.accepted / total;
}

/** What the drift check measured, for the job that schedules training and the operations page. */
export interface DriftReport {
  activeVersion: number | null;
  /** When the active version was trained (ISO 8601). */
  trainedAt: string | null;
  /** Total variation distance between the mix the active version was trained on and the mix now. */
  artistMixShift: number;
  /** Share of opinions that were likes before the active version was trained. */
  acceptanceBefore: number | null;
  /** The same share over opinions given since. */
  acceptanceSince: number | null;
  /** since − before, when both sides have at least MIN_OPINIONS opinions. */
  acceptanceShift: number | null;
  shouldRetrain: boolean;
  /** In plain words: what moved, by how much, against which threshold. */
  reason: string;
}

/** What the store said about the active version and the listening and opinions since. */
export interface DriftInputs {
  active: {
    version: number;
    trainedAt: Date;
    /** The mix recorded at training; null for versions trained before mixes were recorded. */
    mix: ArtistMix | null;
    /** The opinions up to training, as recorded then (or counted from the store for older versions). */
    acceptanceBefore: AcceptanceTally;
  } | null;
  mixNow: ArtistMix;
  acceptanceSince: AcceptanceTally;
  now: Date;
}

const percent = (rate: number) => `${Math.round(rate * 100)}%`;
const opinions = (count: number) => `${count} opinion${count === 1 ? "" : "s"}`;

/** The drift report, and whether to retrain: no active version, a mix or acceptance past its threshold, or an old version. */
export function driftReport({ active, mixNow, acceptanceSince, now }: DriftInputs): DriftReport {
  if (!active)
    return {
      activeVersion: null,
      trainedAt: null,
      artistMixShift: 0,
      acceptanceBefore: null,
      acceptanceSince: acceptanceRate(acceptanceSince),
      acceptanceShift: null,
      shouldRetrain: true,
      reason: "no version is active yet: training makes the first one",
    };
  const { version } = active;
  const shift = active.mix ? mixShift(active.mix, mixNow) : 0;
  const before = acceptanceRate(active.acceptanceBefore);
  const since = acceptanceRate(acceptanceSince);
  const countBefore = active.acceptanceBefore.accepted + active.acceptanceBefore.declined;
  const countSince = acceptanceSince.accepted + acceptanceSince.declined;
  const comparable = before !== null && since !== null && countBefore >= MIN_OPINIONS && countSince >= MIN_OPINIONS;
  const acceptanceShift = comparable ? Math.round((since - before) * 1e4) / 1e4 : null;
  const ageDays = (now.getTime() - active.trainedAt.getTime()) / DAY_MS;

  const triggers: string[] = [];
  if (!active.mix) triggers.push(`version ${version} was trained before artist mixes were recorded, so its drift cannot be measured`);
  else if (shift >= MIX_SHIFT_THRESHOLD)
    triggers.push(`the artist mix moved ${shift.toFixed(2)} (threshold ${MIX_SHIFT_THRESHOLD}) since version ${version} was trained`);
  if (acceptanceShift !== null && -acceptanceShift >= ACCEPTANCE_DROP_THRESHOLD)
    triggers.push(
      `acceptance of recommendations fell from ${percent(before!)} to ${percent(since!)} (threshold ${ACCEPTANCE_DROP_THRESHOLD * 100} points) since version ${version} was trained`,
    );
  if (ageDays >= MAX_MODEL_AGE_DAYS)
    triggers.push(`version ${version} is ${Math.floor(ageDays)} days old (retrained at least every ${MAX_MODEL_AGE_DAYS} days)`);

  const acceptanceWords =
    acceptanceShift !== null
      ? `acceptance went from ${percent(before!)} to ${percent(since!)}`
      : `acceptance cannot be compared yet (${opinions(countBefore)} before, ${opinions(countSince)} since; ${MIN_OPINIONS} needed on each side)`;
  const reason =
    triggers.length > 0
      ? triggers.join("; ")
      : `version ${version} still fits: the artist mix moved ${shift.toFixed(2)} (threshold ${MIX_SHIFT_THRESHOLD}) and ${acceptanceWords}`;
  return {
    activeVersion: version,
    trainedAt: active.trainedAt.toISOString(),
    artistMixShift: shift,
    acceptanceBefore: before,
    acceptanceSince: since,
    acceptanceShift,
    shouldRetrain: triggers.length > 0,
    reason,
  };
}
