/**
 * Invented names for artists, records, tracks and podcasts. Each genre family has its own naming
 * habits (jazz leaders front a trio, hip hop artists go by one handle), so the demo reads like a
 * real library rather than a list of random words.
 */
import type { GenreFamily } from "./genres";
import type { Random } from "./random";
import {
  ADJECTIVES,
  FIRST_NAMES,
  NOUNS,
  NUMBER_WORDS,
  PLACES,
  PLURAL_NOUNS,
  PODCAST_TOPICS,
  SURNAME_ENDINGS,
  SYLLABLES,
  TIME_WORDS,
  VERBS,
} from "./words";

const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/** A pronounceable word that is nobody's name: two or three syllables. */
export function inventedWord(random: Random, syllables = random.int(2, 3)): string {
  let word = "";
  for (let count = 0; count < syllables; count++) word += random.pick(SYLLABLES);
  return capitalise(word);
}

export function personName(random: Random): string {
  const surname = random.chance(0.5) ? inventedWord(random, 2) : capitalise(random.pick(SYLLABLES)) + random.pick(SURNAME_ENDINGS);
  return `${random.pick(FIRST_NAMES)} ${surname}`;
}

const bandName = (random: Random): string =>
  random.chance(0.6) ? `The ${random.pick(ADJECTIVES)} ${random.pick(PLURAL_NOUNS)}` : `${random.pick(NOUNS)} ${random.pick(PLURAL_NOUNS)}`;

const pairName = (random: Random): string => `${random.pick(ADJECTIVES)} ${random.pick(NOUNS)}`;

const ARTIST_STYLES: Record<GenreFamily, Array<[weight: number, make: (random: Random) => string]>> = {
  rock: [
    [5, bandName],
    [2, pairName],
    [1, (random) => inventedWord(random)],
    [1, personName],
  ],
  pop: [
    [4, personName],
    [2, (random) => inventedWord(random)],
    [1, (random) => random.pick(FIRST_NAMES) + " " + random.pick(NOUNS)],
    [1, pairName],
  ],
  soul: [
    [4, personName],
    [1, (random) => `${personName(random)} & the ${random.pick(PLURAL_NOUNS)}`],
    [1, bandName],
  ],
  hiphop: [
    [2, (random) => `Lil ${inventedWord(random, 2)}`],
    [2, (random) => `MC ${inventedWord(random, 2)}`],
    [3, (random) => inventedWord(random)],
    [1, (random) => `Young ${random.pick(NOUNS)}`],
    [1, (random) => `${inventedWord(random, 2)} ${random.pick(NOUNS)}`],
  ],
  electronic: [
    [3, (random) => inventedWord(random)],
    [1, (random) => `DJ ${inventedWord(random, 2)}`],
    [2, (random) => `${random.pick(NOUNS)} ${random.pick(NOUNS)}`],
    [1, (random) => inventedWord(random, 2).toUpperCase()],
    [1, (random) => `${inventedWord(random, 2)} & ${inventedWord(random, 2)}`],
  ],
  folk: [
    [5, personName],
    [1, (random) => `The ${inventedWord(random, 2)} Family`],
    [1, (random) => `${pairName(random)} Band`],
  ],
  jazz: [
    [3, personName],
    [2, (random) => `${personName(random)} ${random.pick(["Trio", "Quartet", "Quintet", "Ensemble"])}`],
  ],
  world: [
    [3, personName],
    [2, (random) => `${inventedWord(random)} ${inventedWord(random, 2)}`],
    [1, (random) => `${pairName(random)} Collective`],
  ],
};

export function artistName(random: Random, family: GenreFamily): string {
  const styles = ARTIST_STYLES[family];
  const make = random.weighted(
    styles.map(([, style]) => style),
    styles.map(([weight]) => weight),
  );
  return make(random);
}

export function trackTitle(random: Random): string {
  const roll = random.next();
  if (roll < 0.22) return `${random.pick(ADJECTIVES)} ${random.pick(NOUNS)}`;
  if (roll < 0.34) return `${random.pick(NOUNS)} of ${random.pick(PLURAL_NOUNS)}`;
  if (roll < 0.46) return `${random.pick(VERBS)} the ${random.pick(NOUNS)}`;
  if (roll < 0.56) return `${random.pick(["In", "Under", "After", "Before", "Across", "Beyond"])} the ${random.pick(NOUNS)}`;
  if (roll < 0.66) return random.pick(NOUNS);
  if (roll < 0.74) return `${random.pick(VERBS)} Me ${random.pick(TIME_WORDS)}`;
  if (roll < 0.8) return random.pick(FIRST_NAMES);
  if (roll < 0.86) return `${random.pick(NUMBER_WORDS)} ${random.pick(PLURAL_NOUNS)}`;
  if (roll < 0.92) return `${random.pick(NOUNS)} ${random.pick(TIME_WORDS)}`;
  return `${random.pick(ADJECTIVES)} ${random.pick(PLURAL_NOUNS)}`;
}

const ROMAN = ["II", "III", "IV", "V", "VI", "VII", "VIII"] as const;

export function albumTitle(random: Random, artist: string, albumNumber: number): string {
  const roll = random.next();
  if (albumNumber === 0 && roll < 0.12) return artist;
  if (albumNumber > 0 && albumNumber <= ROMAN.length && roll < 0.06) return ROMAN[albumNumber - 1] ?? artist;
  if (roll < 0.3) return `${random.pick(ADJECTIVES)} ${random.pick(PLURAL_NOUNS)}`;
  if (roll < 0.45) return `${random.pick(NOUNS)} of ${random.pick(NOUNS)}`;
  if (roll < 0.55) return `The ${random.pick(NOUNS)} Sessions`;
  if (roll < 0.65) return inventedWord(random);
  if (roll < 0.7) return `Live at ${random.pick(PLACES)}`;
  return trackTitle(random);
}

export function compilationTitle(random: Random, artist: string, from: number, to: number): string {
  return random.pick([
    `The Best of ${artist}`,
    `${artist}: Essentials`,
    "Greatest Hits",
    `Anthology ${from}–${to}`,
    "Collected",
    `The Very Best of ${artist}`,
  ]);
}

export function showName(random: Random): string {
  const topic = random.pick(PODCAST_TOPICS);
  return random.pick([
    `The ${random.pick(ADJECTIVES)} Hour`,
    `${topic} & ${random.pick(PODCAST_TOPICS)}`,
    `Tiny ${random.pick(PLURAL_NOUNS)}`,
    `Everything About ${topic}`,
    `${random.pick(ADJECTIVES)} ${topic}`,
    `${inventedWord(random, 2)} Talks`,
  ]);
}

export function episodeTitle(random: Random, number: number): string {
  const topic = random.pick(PODCAST_TOPICS).toLowerCase();
  const guest = personName(random);
  return random.pick([
    `#${number}: The ${random.pick(ADJECTIVES).toLowerCase()} history of ${topic}`,
    `${number}. ${guest} on ${topic}`,
    `Why ${topic} matters (with ${guest})`,
    `#${number} – ${trackTitle(random)}`,
    `${trackTitle(random)}: a conversation with ${guest}`,
  ]);
}
