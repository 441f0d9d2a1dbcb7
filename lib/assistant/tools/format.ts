/**
 * How the assistant's tools write numbers, units and dates into their summaries. Summaries are the
 * answer (the offline model quotes them, Gemini is told to), so every number carries its unit.
 */
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** 2046 → "2,046". */
export const count = (value: number) => Math.round(value).toLocaleString("en-US");

/** 2046, "play" → "2,046 plays"; 1 → "1 play". */
export const units = (value: number, unit: string, plural = `${unit}s`) => `${count(value)} ${Math.round(value) === 1 ? unit : plural}`;

/** Milliseconds as whole minutes, the way every page rounds them. */
export const minutesOf = (ms: number) => Math.round(ms / 60_000);

/** "2019-11-14" → "14 Nov 2019". */
export function dayLabel(date: string): string {
  const [year, month, day] = date.split("-").map(Number);
  return `${day} ${MONTHS[(month ?? 1) - 1] ?? ""} ${year}`;
}

/** 18 → "18:00–19:00". */
export const hourLabel = (hour: number) => `${String(hour).padStart(2, "0")}:00–${String((hour + 1) % 24).padStart(2, "0")}:00`;

export const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** "A, B and C". */
export function listOf(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

const FULL_MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * A range as words inside a sentence: "of all time", "in the last 4 weeks", "in 2024", "in March
 * 2023", "from 1 Dec 2025 to 28 Feb 2026" (with its dates when a preset's are not obvious).
 */
export function rangeWords(range: { label: string; fromDate: string; toDate: string }): string {
  const [fy, fm, fd] = range.fromDate.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = range.toDate.split("-").map(Number) as [number, number, number];
  if (range.label === "All time") return "of all time";
  if (/^Last /.test(range.label)) return `in the ${range.label.toLowerCase()} (${dayLabel(range.fromDate)} – ${dayLabel(range.toDate)})`;
  const monthEnd = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  if (fy === ty && fm === 1 && fd === 1 && tm === 12 && td === 31) return `in ${fy}`;
  if (fy === ty && fm === tm && fd === 1 && td === monthEnd) return `in ${FULL_MONTHS[fm - 1]} ${fy}`;
  if (range.fromDate === range.toDate) return `on ${dayLabel(range.fromDate)}`;
  return `from ${dayLabel(range.fromDate)} to ${dayLabel(range.toDate)}`;
}
