/**
 * The import page's part of import: the wording of rejection reasons and the row type. Light on
 * purpose: the parser and the zip reader run in the import worker (worker.ts), not in the page.
 */
export { LISTEN_THRESHOLD_MS, rejectionReasons, thresholdWords, type RejectionReason } from "./reasons";
export type { ImportRow } from "./rows";
