/**
 * Privacy: "Download all my data" (a streamed zip of JSON, `exportArchive`). Deleting an account
 * is lib/listener's `deleteListener`, which the idle-visitor cleanup shares.
 */
export { archiveFileName, exportArchive, type ArchiveOwner } from "./export";
export { ARCHIVE_README } from "./readme";
