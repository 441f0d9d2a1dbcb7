import { describe, expect, it } from "vitest";
import { DEMO_LISTENER, getDemoCatalog } from "@/lib/demo";
import { DemoSpotifyClient } from "./demo-client";
import { SpotifyRequestError } from "./errors";

const uris = getDemoCatalog(DEMO_LISTENER.seed)
  .tracks.slice(0, 120)
  .map((track) => `spotify:track:${track.id}`);

describe("the demo Spotify", () => {
  it("keeps each demo visitor's playlists apart", async () => {
    const adaId = `visitor-a-${Math.random()}`;
    const ada = new DemoSpotifyClient(adaId);
    const bo = new DemoSpotifyClient(`visitor-b-${Math.random()}`);
    const created = await ada.createPlaylist({ name: "Ada's" });
    expect(created.id).toMatch(/^[0-9A-Za-z]{22}$/);
    await ada.addToPlaylist(created.id, uris.slice(0, 3));
    expect((await ada.myPlaylists()).items.map((playlist) => playlist.name)).toEqual(["Ada's"]);
    expect((await bo.myPlaylists()).items).toEqual([]);
    await expect(bo.playlistItems(created.id)).rejects.toMatchObject({ status: 404 });
    // The same visitor in a later request (a new client object) sees their playlist.
    expect((await new DemoSpotifyClient(adaId).playlistItems(created.id)).total).toBe(3);
  });

  it("replaces items (at most 100), changes details and refuses unknown tracks", async () => {
    const spotify = new DemoSpotifyClient(`visitor-${Math.random()}`);
    const { id } = await spotify.createPlaylist({ name: "Draft" });
    await spotify.addToPlaylist(id, uris.slice(0, 10));
    await spotify.replacePlaylistItems(id, uris.slice(10, 110));
    const page = await spotify.playlistItems(id, { limit: 50, offset: 50 });
    expect(page.total).toBe(100);
    expect(page.items.map((track) => track.uri)).toEqual(uris.slice(60, 110));
    await expect(spotify.replacePlaylistItems(id, uris)).rejects.toBeInstanceOf(SpotifyRequestError);
    await expect(spotify.addToPlaylist(id, ["spotify:track:0000000000000000000000"])).rejects.toMatchObject({ status: 400 });
    await spotify.changePlaylistDetails(id, { name: "Final", description: "Done" });
    expect((await spotify.myPlaylists()).items[0]).toMatchObject({ id, name: "Final", description: "Done", trackCount: 100 });
  });

  it("plays a saved playlist on the demo speaker, queues, skips and pauses", async () => {
    const spotify = new DemoSpotifyClient(`visitor-${Math.random()}`);
    expect(await spotify.playback()).toBeNull();
    const { id } = await spotify.createPlaylist({ name: "Queue" });
    await spotify.addToPlaylist(id, uris.slice(0, 3));
    await expect(spotify.play({ contextUri: "spotify:playlist:0000000000000000000000" })).rejects.toMatchObject({ status: 404 });
    await spotify.play({ contextUri: `spotify:playlist:${id}`, deviceId: "demo-speaker" });
    expect(await spotify.playback()).toMatchObject({ isPlaying: true, track: { uri: uris[0] } });
    await spotify.queue(uris[50]!);
    await spotify.next();
    expect((await spotify.playback())?.track?.uri).toBe(uris[50]);
    await spotify.next();
    expect((await spotify.playback())?.track?.uri).toBe(uris[1]);
    await spotify.pause();
    expect(await spotify.playback()).toMatchObject({ isPlaying: false });
    await expect(spotify.play({ uris: uris.slice(0, 1), deviceId: "elsewhere" })).rejects.toMatchObject({ status: 404 });
  });
});
