export { auth, handlers, signIn, signOut } from "./config";
export { currentSession, requireListener, sessionOf, signInRequired, type Listener } from "./session";
