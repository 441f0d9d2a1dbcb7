/**
 * Date ranges in what listeners write: "last winter", "the summer of 2021", "since 2019", "the last
 * two weeks", "Q1 2023", "between 2019 and 2021", "in March", "14.03.2022", "März 2023". Our own
 * rules cover seasons, years and relative spans; chrono-node (a maintained parser) reads calendar
 * dates and month names, in English and in the languages listeners often write dates in.
 *
 * Every range is whole local days in the listener's zone, never after today. Seasons are
 * meteorological and northern-hemisphere: winter is December to February, and "winter 2021" is the
 * winter that starts in December 2021.
 */
import * as chrono from "chrono-node";

/** A range the stats tools take: a dashboard preset or inclusive local dates. */
export type RangeInput = { range: "4w" | "6m" | "1y" | "all" } | { range: "custom"; from: string; to: string };

/** A range found in a message, and the words it was read from (removed before reading names). */
export interface FoundRange {
  range: RangeInput;
  text: string;
}

interface Day {
  year: number;
  month: number;
  day: number;
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");
const iso = ({ year, month, day }: Day) => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const toUtc = ({ year, month, day }: Day) => Date.UTC(year, month - 1, day);
const fromUtc = (ms: number): Day => {
  const date = new Date(ms);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
};
const addDays = (day: Day, days: number) => fromUtc(toUtc(day) + days * 86_400_000);
const addMonths = (day: Day, months: number): Day => {
  const index = day.year * 12 + day.month - 1 + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(day.day, daysIn(year, month)) };
};
const before = (a: Day, b: Day) => toUtc(a) < toUtc(b);

/** The listener's local date at an instant. */
export function localToday(now: number, timeZone: string): Day {
  const [year, month, day] = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })
    .format(now)
    .split("-")
    .map(Number);
  return { year: year!, month: month!, day: day! };
}

/** A custom range from two days, the end clamped to today (and swapped when reversed). */
function span(from: Day, to: Day, today: Day): RangeInput {
  const end = before(today, to) ? today : to;
  const [a, b] = before(end, from) ? [end, from] : [from, end];
  return { range: "custom", from: iso(a), to: iso(b) };
}
const monthSpan = (year: number, month: number, today: Day) =>
  span({ year, month, day: 1 }, { year, month, day: daysIn(year, month) }, today);
const yearSpan = (year: number, today: Day) => span({ year, month: 1, day: 1 }, { year, month: 12, day: 31 }, today);

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  couple: 2,
  few: 3,
};
const amountOf = (word: string | undefined) => (word === undefined ? 1 : (NUMBER_WORDS[word] ?? Number(word)));

const SEASON_START: Record<string, number> = { winter: 12, spring: 3, summer: 6, autumn: 9, fall: 9 };
const QUARTER_WORDS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, last: 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4 };

/** The season starting in `startYear` (winter runs into the next year). */
function seasonSpan(season: string, startYear: number, today: Day): RangeInput {
  const start = { year: startYear, month: SEASON_START[season]!, day: 1 };
  const endMonth = addMonths(start, 2);
  return span(start, { ...endMonth, day: daysIn(endMonth.year, endMonth.month) }, today);
}

/** The start year of the latest season of that name that has begun (this) or ended (last) by today. */
function recentSeasonYear(season: string, today: Day, which: "this" | "last"): number {
  const startMonth = SEASON_START[season]!;
  let year = today.year;
  if (year * 12 + startMonth > today.year * 12 + today.month) year--;
  if (which === "last" && year * 12 + startMonth + 2 >= today.year * 12 + today.month) year--;
  return year;
}

const YEAR = String.raw`((?:19|20)\d{2})`;
const SHORT_YEAR = String.raw`'(\d{2})`;
const yearOf = (full: string | undefined, short: string | undefined) => (full ? Number(full) : 2000 + Number(short));

type Rule = [RegExp, (match: RegExpExecArray, today: Day) => RangeInput | null];

// Most specific first: each rule sees the message in lower case.
const RULES: Rule[] = [
  [
    /\b(?:of )?all[- ]?time\b|\bever\b|\boverall\b|\bsince (?:i (?:started|joined|began)|the (?:beginning|start))\b|\bin total\b|\bmy whole history\b/,
    () => ({ range: "all" }),
  ],
  [
    new RegExp(String.raw`\b(?:between|from)\s+${YEAR}\s+(?:and|to|until|till|-)\s+${YEAR}\b`),
    (m, today) => span({ year: Number(m[1]), month: 1, day: 1 }, { year: Number(m[2]), month: 12, day: 31 }, today),
  ],
  [
    new RegExp(String.raw`\b${YEAR}\s*(?:-|–|to)\s*${YEAR}\b`),
    (m, today) => span({ year: Number(m[1]), month: 1, day: 1 }, { year: Number(m[2]), month: 12, day: 31 }, today),
  ],
  [
    new RegExp(String.raw`\b(?:since|from)\s+(?:the (?:start|beginning) of\s+)?${YEAR}\b(?!\s*(?:-|to|and|until))`),
    (m, today) => span({ year: Number(m[1]), month: 1, day: 1 }, today, today),
  ],
  [
    new RegExp(
      String.raw`\b(?:(this|last|past|previous)\s+|(?:the\s+)?)(winter|spring|summer|autumn|fall)(?:\s+(?:of\s+)?(?:${YEAR}|${SHORT_YEAR}))?\b`,
    ),
    (m, today) => {
      const season = m[2]!;
      if (m[3] || m[4]) return seasonSpan(season, yearOf(m[3], m[4]), today);
      const which = m[1] === "this" ? "this" : "last";
      // A bare "in the summer" is the latest one that has begun.
      return seasonSpan(season, recentSeasonYear(season, today, m[1] ? which : "this"), today);
    },
  ],
  [
    new RegExp(String.raw`\b(?:q([1-4])|(first|second|third|fourth|last|1st|2nd|3rd|4th) quarter)(?: of)?\s*${YEAR}?\b`),
    (m, today) => {
      const quarter = m[1] ? Number(m[1]) : QUARTER_WORDS[m[2]!]!;
      let year = m[3] ? Number(m[3]) : today.year;
      if (!m[3] && (quarter - 1) * 3 + 1 > today.month) year--;
      const start = { year, month: (quarter - 1) * 3 + 1, day: 1 };
      return span(start, { year, month: start.month + 2, day: daysIn(year, start.month + 2) }, today);
    },
  ],
  [
    new RegExp(String.raw`\b(first|second|1st|2nd|last) half of\s+(?:${YEAR}|(this|last) year)\b`),
    (m, today) => {
      const year = m[2] ? Number(m[2]) : m[3] === "last" ? today.year - 1 : today.year;
      const first = m[1] === "first" || m[1] === "1st";
      return first
        ? span({ year, month: 1, day: 1 }, { year, month: 6, day: 30 }, today)
        : span({ year, month: 7, day: 1 }, { year, month: 12, day: 31 }, today);
    },
  ],
  [
    /\b(the\s+)?(last|past|previous)\s+(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|couple|few)?\s*(?:of\s+)?(days?|weeks?|months?|years?)\b/,
    (m, today) => {
      const calendar = m[3] === undefined && !m[1] && m[2] !== "past";
      const amount = amountOf(m[3]);
      const unit = m[4]!.replace(/s$/, "");
      if (!(amount > 0 && amount <= 100)) return null;
      // "last week", "last month" and "last year" are the previous calendar ones; "the past year" is
      // the last twelve months.
      if (calendar && unit === "year") return yearSpan(today.year - 1, today);
      if (calendar && unit === "month") {
        const month = addMonths({ ...today, day: 1 }, -1);
        return monthSpan(month.year, month.month, today);
      }
      if (calendar && unit === "week") {
        const weekday = (new Date(toUtc(today)).getUTCDay() + 6) % 7;
        const monday = addDays(today, -weekday - 7);
        return span(monday, addDays(monday, 6), today);
      }
      if (unit === "day") return span(addDays(today, -(amount - 1)), today, today);
      if (unit === "week") return amount === 4 ? { range: "4w" } : span(addDays(today, -(amount * 7 - 1)), today, today);
      if (unit === "month") {
        if (amount === 6) return { range: "6m" };
        if (amount === 12) return { range: "1y" };
        return span(addDays(addMonths(today, -amount), 1), today, today);
      }
      return amount === 1 ? { range: "1y" } : span(addDays(addMonths(today, -12 * amount), 1), today, today);
    },
  ],
  [
    /\b(?:a|one) year ago\b/,
    (_m, today) => span({ ...addMonths(today, -12), day: 1 }, addDays({ ...addMonths(today, -11), day: 1 }, -1), today),
  ],
  [/\bthis week\b/, (_m, today) => span(addDays(today, -((new Date(toUtc(today)).getUTCDay() + 6) % 7)), today, today)],
  [/\bthis month\b/, (_m, today) => span({ ...today, day: 1 }, today, today)],
  [/\b(?:this year|so far this year|year to date|ytd)\b/, (_m, today) => span({ year: today.year, month: 1, day: 1 }, today, today)],
  [/\b(?:the )?year before last\b/, (_m, today) => yearSpan(today.year - 2, today)],
  [/\btoday\b/, (_m, today) => span(today, today, today)],
  [/\byesterday\b/, (_m, today) => span(addDays(today, -1), addDays(today, -1), today)],
  [/\b(?:lately|recently|these days|nowadays|at the moment|right now|currently)\b/, () => ({ range: "4w" })],
];

// Month names in the languages listeners write dates in (English, German, French, Spanish, Italian,
// Dutch, Portuguese), for "im März", "en mars", "in maart"; chrono reads them with a day or year.
const MONTH_NAMES: Array<[RegExp, number]> = [
  [/^(?:jan(?:uary|uar|vier|eiro)?|enero|gennaio|januari|janv?)$/, 1],
  [/^(?:feb(?:ruary|ruar|rero|braio|ruari)?|f[ée]vr(?:ier)?|fevereiro)$/, 2],
  [/^(?:mar(?:ch|s|zo|ço|co)?|m[äa]rz|maart)$/, 3],
  [/^(?:apr(?:il|ile)?|avr(?:il)?|abril)$/, 4],
  [/^(?:may|mai|mayo|maggio|mei|maio)$/, 5],
  [/^(?:jun(?:e|i|io|ho)?|juin|giugno)$/, 6],
  [/^(?:jul(?:y|i|io|ho)?|juil(?:let)?|luglio)$/, 7],
  [/^(?:aug(?:ust|ustus)?|ao[uû]t|agosto)$/, 8],
  [/^(?:sep(?:t|tember|tiembre|tembre)?|setembro|settembre)$/, 9],
  [/^(?:oct(?:ober|obre|ubre)?|okt(?:ober)?|ottobre|outubro)$/, 10],
  [/^(?:nov(?:ember|embre|iembre|embro)?)$/, 11],
  [/^(?:dec(?:ember)?|dez(?:ember|embro)?|d[ée]c(?:embre)?|dic(?:iembre|embre)?)$/, 12],
];

function monthNumber(word: string): number | null {
  for (const [pattern, month] of MONTH_NAMES) if (pattern.test(word)) return month;
  return null;
}

/** "in March", "March 2023", "march of 2023", "im März", "mars '21": a whole month (the latest past one without a year). */
function monthWords(text: string, today: Day): FoundRange | null {
  const words =
    /\b(?:in|during|im|en|au|in|em|del|de)?\s*([a-zäéèûç]{3,10})\.?(?:\s+(?:of\s+|de\s+|del\s+)?(?:((?:19|20)\d{2})|'(\d{2})))?\b/g;
  for (let match = words.exec(text); match; match = words.exec(text)) {
    const month = monthNumber(match[1]!);
    if (month === null) continue;
    // "may" and "march" are also verbs: without a year, only after a preposition.
    const hasYear = Boolean(match[2] || match[3]);
    if (!hasYear && !/^(?:in|during|im|en|au|em|del|de)\s/.test(match[0].trimStart())) continue;
    const year = hasYear ? yearOf(match[2], match[3]) : month <= today.month ? today.year : today.year - 1;
    return { range: monthSpan(year, month, today), text: match[0].trim() };
  }
  return null;
}

const LOCALES = [chrono.en, chrono.en.GB, chrono.de, chrono.fr, chrono.es, chrono.it, chrono.nl, chrono.pt];

/** Calendar dates chrono recognises: "14.03.2022", "March 14th, 2022", "from March to May 2021". */
function chronoRange(text: string, today: Day): FoundRange | null {
  const reference = new Date(Date.UTC(today.year, today.month - 1, today.day, 12));
  for (const locale of LOCALES) {
    const [result] = locale.parse(text, reference, { forwardDate: false });
    // "now", "tonight", a weekday: not a range. A date has digits or a month's name.
    if (!result || !(/\d/.test(result.text) || result.text.split(/[^a-zäéèûç]+/).some((word) => monthNumber(word) !== null))) continue;
    const start = result.start;
    const known = (component: "year" | "month" | "day") => start.isCertain(component);
    if (!known("month") && !known("day")) continue;
    const year = start.get("year") ?? today.year;
    const month = start.get("month") ?? today.month;
    const end = result.end;
    if (known("day")) {
      const from = { year, month, day: start.get("day") ?? 1 };
      if (before(today, from) && !known("year")) from.year--;
      const to = end
        ? { year: end.get("year") ?? from.year, month: end.get("month") ?? from.month, day: end.get("day") ?? from.day }
        : from;
      return { range: span(from, to, today), text: result.text };
    }
    // A month (with or without a year): the whole month, through the end month of a span.
    let fromYear = known("year") ? year : month <= today.month ? today.year : today.year - 1;
    let toYear = fromYear;
    let toMonth = month;
    if (end) {
      toMonth = end.get("month") ?? month;
      toYear = end.isCertain("year") ? (end.get("year") ?? fromYear) : fromYear;
      if (!known("year") && end.isCertain("year")) fromYear = toMonth >= month ? toYear : toYear - 1;
    }
    return {
      range: span({ year: fromYear, month, day: 1 }, { year: toYear, month: toMonth, day: daysIn(toYear, toMonth) }, today),
      text: result.text,
    };
  }
  return null;
}

/** The range a message names, or null when it names none. */
export function findRange(message: string, now: number, timeZone: string): FoundRange | null {
  const text = message.toLowerCase();
  const today = localToday(now, timeZone);
  for (const [pattern, read] of RULES) {
    const match = pattern.exec(text);
    if (!match) continue;
    const range = read(match, today);
    if (range) return { range, text: match[0] };
  }
  // A calendar date before a bare year: "March 2023" must not be read as all of 2023.
  const dated = chronoRange(text, today) ?? monthWords(text, today);
  if (dated) return dated;
  const year = new RegExp(String.raw`(?:^|[^\d'])(?:${YEAR}|(?:in|of|for|during)\s+${SHORT_YEAR})(?!\d)`).exec(text);
  if (year) return { range: yearSpan(yearOf(year[1], year[2]), today), text: year[0].trim() };
  return null;
}

/** A range as one comparable string: the preset, or "from..to". */
export function rangeKey(range: RangeInput): string {
  return range.range === "custom" ? `${range.from}..${range.to}` : range.range;
}

/** Two ranges in one message ("2023 vs 2024", "this year compared to last year"), in the order written. */
export function findTwoRanges(message: string, now: number, timeZone: string): [RangeInput, RangeInput] | null {
  const parts = message
    .toLowerCase()
    .split(/\s+(?:vs\.?|versus|compared (?:to|with)|against|and|or|with|to|than)\s+/)
    .filter((part) => part.trim().length > 0);
  if (parts.length < 2) return null;
  const ranges: RangeInput[] = [];
  for (const part of parts) {
    const found = findRange(part, now, timeZone);
    if (found) ranges.push(found.range);
  }
  return ranges.length >= 2 ? [ranges[0]!, ranges[1]!] : null;
}
