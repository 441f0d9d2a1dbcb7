export { playFromRecent, syncAll, syncListener, type SyncResult } from "./sync";
