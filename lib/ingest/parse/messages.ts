/**
 * What the listener reads about a file that was skipped or could not be read: what it is, and
 * what to do next. Plain sentences, the file's own name, no jargon beyond Spotify's.
 */
import type { JsonProblem } from "./json";

const count = new Intl.NumberFormat("en-US");
const n = (value: number) => count.format(value);
const plural = (value: number, one: string, many = `${one}s`) => `${n(value)} ${value === 1 ? one : many}`;
const megabytes = (chars: number) => `${n(Math.round(chars / 1_000_000))} MB`;

const PRIVACY_PAGE = "spotify.com/account/privacy";
const REQUEST_EXTENDED =
  `Request “Extended streaming history” at ${PRIVACY_PAGE}: it covers your whole history, with track IDs, ` +
  "and arrives by e-mail, usually within a few days (Spotify allows up to 30). Then upload its Streaming_History_Audio_*.json files, or the whole zip.";
const WHAT_TO_UPLOAD =
  "EchoTune reads the Streaming_History_Audio_*.json files in the “Spotify Extended Streaming History” folder of your export.";
const EXPORT_AGAIN =
  `Export your data again from Spotify's privacy page (${PRIVACY_PAGE}) and pick the Streaming_History_Audio_*.json files, ` +
  "or upload the whole zip Spotify sends.";
const FIX_DAMAGED =
  "Extract the zip from Spotify again and upload the fresh file; if that doesn't help, download the export again from the link in Spotify's e-mail.";

export const messages = {
  wrongPackage(file: string, holds: string, source: "account-data" | "technical-log"): string {
    const from = source === "technical-log" ? "Spotify's Technical log information package" : "Spotify's Account data package";
    return `${file} is from ${from}: it holds ${holds}, not your plays. ${REQUEST_EXTENDED}`;
  },

  readme(file: string): string {
    return `${file} is Spotify's guide to the export's fields; it holds no plays, so it was skipped. ${WHAT_TO_UPLOAD}`;
  },

  unknown(file: string): string {
    return `${file} is not a file EchoTune recognises from a Spotify privacy export, so it was skipped. ${WHAT_TO_UPLOAD}`;
  },

  video(file: string, rows: number): string {
    return `${file} is your video history (${plural(rows, "play")}). EchoTune imports music only, so it was skipped; nothing is lost from your music history.`;
  },

  accountPodcast(file: string, rows: number): string {
    return `${file} lists podcast episodes (${plural(rows, "play")}). EchoTune imports music only, so it was skipped.`;
  },

  accountAudiobook(file: string, rows: number): string {
    return `${file} lists audiobook chapters (${plural(rows, "play")}). EchoTune imports music only, so it was skipped.`;
  },

  accountMusic(file: string): string {
    return (
      `${file} is from Spotify's Account data package: it covers only about the last 12 months, to the minute, and without track IDs. ` +
      `Its plays were imported. For your whole history, ${REQUEST_EXTENDED.charAt(0).toLowerCase()}${REQUEST_EXTENDED.slice(1)}`
    );
  },

  emptyFile(file: string): string {
    return `${file} is empty: there is nothing in it to import. ${EXPORT_AGAIN}`;
  },

  emptyZip(file: string): string {
    return `${file} is an empty zip: there are no files in it to import. ${EXPORT_AGAIN}`;
  },

  notAZip(file: string): string {
    return `${file} is not a zip archive (or a damaged one), so nothing could be read from it. ${EXPORT_AGAIN}`;
  },

  zipWithoutExport(file: string, names: readonly string[]): string {
    const shown = names.slice(0, 3).join(", ");
    const more = names.length > 3 ? ` and ${plural(names.length - 3, "other")}` : "";
    return `${file} holds no files from a Spotify privacy export (only ${shown}${more}), so nothing was read from it. ${WHAT_TO_UPLOAD}`;
  },

  empty(file: string): string {
    return `${file} contains no plays (its list is empty), so there was nothing to import from it. Spotify writes such files when there was no listening of that kind.`;
  },

  malformed(file: string, problem: JsonProblem | null): string {
    const where = problem ? ` at line ${n(problem.line)}, column ${n(problem.column)} (character ${n(problem.position + 1)})` : "";
    return `${file} is damaged: its JSON stops making sense${where}, so none of it was imported. ${FIX_DAMAGED}`;
  },

  truncated(file: string, length: number): string {
    return (
      `${file} ends too early: it stops after ${n(length)} characters, in the middle of its list of plays, so none of it was imported. ` +
      `This happens when a download or an unzip is interrupted. ${FIX_DAMAGED}`
    );
  },

  unknownShape(file: string, found: "object" | "value" | "rows"): string {
    const what =
      found === "object"
        ? "a single JSON object rather than a list of plays"
        : found === "rows"
          ? "a list, but its entries are not Spotify plays"
          : "a JSON value, not a list of plays";
    return `${file} holds ${what}, so it was skipped. ${WHAT_TO_UPLOAD}`;
  },

  tooLarge(file: string, chars: number, maxChars: number): string {
    return (
      `${file} is ${megabytes(chars)}, more than the ${megabytes(maxChars)} EchoTune reads from one file, so it was skipped. ` +
      "Spotify's streaming-history files are about 12 MB each: upload the files exactly as they came in Spotify's zip."
    );
  },

  onlyAccountData(): string {
    return `Only files from the Account data package were found: they cover about the last 12 months. ${REQUEST_EXTENDED}`;
  },

  nothingImported(): string {
    return `No plays were found in the uploaded files. ${WHAT_TO_UPLOAD}`;
  },
};
