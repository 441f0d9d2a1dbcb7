/**
 * The browser's part of import: the privacy-export parser and zip reader (the import worker runs
 * them), the row type and the wording of rejection reasons. No server code, no schema library.
 */
export * from "./parse";
export { LISTEN_THRESHOLD_MS, rejectionReasons, type RejectionReason } from "./reasons";
export type { ImportRow } from "./rows";
