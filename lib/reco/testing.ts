/**
 * Test support: the pure pieces of the collaborative model that fakes and specs use to know what
 * the app will recommend (e.g. the fake Spotify's catalogue carries the artists the public model
 * picks). No server-only imports, so Playwright's own loader can read it.
 */
export { decodeArtistModel } from "./cf";
export { collaborativeFor, PRETRAINED_PATH, servedModel } from "./collaborative";
