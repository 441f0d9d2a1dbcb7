export { auth, handlers, signIn, signOut } from "./config";
export { requireListener, currentSession, type ListenerSession } from "./session";
