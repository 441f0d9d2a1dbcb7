import "server-only";

/**
 * Stored playlists (issue 17): the listener's playlists with every version kept, so edits can be
 * undone, redone and restored, and a playlist follows the listener across browsers.
 */
export {
  ConflictError,
  createPlaylist,
  deletePlaylist,
  editPlaylist,
  getPlaylist,
  listPlaylists,
  listPlaylistVersions,
  playlistForRequest,
  redoPlaylist,
  restorePlaylistVersion,
  setSpotifySync,
  toPlaylist,
  undoPlaylist,
  type NewPlaylist,
} from "./playlists";
export { addToDiscoverDraft, DISCOVER_DRAFT_NAME, getDiscoverDraft, startDiscoverDraft } from "./discover-draft";
export { searchTracks } from "./search";
export { applyEdit, PlaylistEditError, toPlaylistTrack } from "./edit";
export {
  PLAYLIST_MAX_DESCRIPTION,
  PLAYLIST_MAX_NAME,
  PLAYLIST_MAX_TRACKS,
  playlistDescription,
  playlistEdit,
  playlistName,
  playlistOrigins,
  playlistTrackInput,
  type PlaylistEdit,
  type PlaylistTrackInput,
} from "./limits";
export type { Json, Playlist, PlaylistOrigin, PlaylistSummary, PlaylistTrack, PlaylistVersionSummary, SpotifySync } from "./types";
export { saveToSpotify, type SpotifySaveOutcome } from "./sync";
export { spotifyStateOf, type SpotifyState } from "./spotify-state";
