/**
 * What the browser's import worker runs: the privacy-export parser and the size-checked zip reader
 * (shared with the server CLI), the row type and the rejection reasons. No server code.
 */
export * from "./parse";
export { LISTEN_THRESHOLD_MS, rejectionReasons, type RejectionReason } from "./reasons";
export type { ImportRow } from "./rows";
