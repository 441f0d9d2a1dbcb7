/** What EchoTune asks of a listener's Spotify account, and why each is needed. */
export const spotifyScopes = [
  "user-read-private", // country and product (Premium decides playback)
  "user-read-email", // account matching
  "user-top-read", // top artists and tracks
  "user-read-recently-played", // sync of new plays
  "user-library-read", // saved tracks shape recommendations
  "user-library-modify", // save a track from a recommendation
  "playlist-read-private",
  "playlist-read-collaborative",
  "playlist-modify-private", // save generated playlists
  "playlist-modify-public",
  "user-read-playback-state", // devices and what is playing
  "user-modify-playback-state", // play and queue from the assistant
] as const;
