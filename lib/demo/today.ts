/**
 * The demo listener's history as of a given instant. It ends where today starts in their own zone,
 * so it runs up to yesterday: "last 4 weeks" and "on this day" are about real days. Only the local
 * date matters, so every instance (and `npm run demo:export`) generates a byte-identical history
 * all day, and a new one the next day.
 */
import { DEMO_LISTENER } from "./history";
import { localDayOf } from "./time";

export interface DemoListenerOptions {
  seed: number;
  plays: number;
  years: number;
  /** The start of today in `timeZone`: every stream ended before it. */
  end: Date;
  timeZone: string;
  homeCountry: string;
}

/** The date (`YYYY-MM-DD`, the demo listener's zone) whose history the demo shows at `now`. */
export function demoHistoryDay(now: number | Date): string {
  return localDayOf(new Date(now).getTime(), DEMO_LISTENER.timeZone).date;
}

/** Where the demo history shown at `now` ends: the start of that day in the listener's zone. */
export function demoHistoryEnd(now: number | Date): Date {
  return new Date(localDayOf(new Date(now).getTime(), DEMO_LISTENER.timeZone).start);
}

/** The generator's options for the demo listener's history at `now` (`generateListeningHistory`). */
export function demoListenerOptions(now: number | Date): DemoListenerOptions {
  return {
    seed: DEMO_LISTENER.seed,
    plays: DEMO_LISTENER.plays,
    years: DEMO_LISTENER.years,
    end: demoHistoryEnd(now),
    timeZone: DEMO_LISTENER.timeZone,
    homeCountry: DEMO_LISTENER.homeCountry,
  };
}
