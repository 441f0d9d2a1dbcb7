/**
 * Test support for the assistant's integration tests: a listener without plays who uses the demo
 * catalogue, the chunks of a UI message stream, the fake Gemini's script, and a Discover draft.
 * Tests only (the dependency rules keep it out of the app).
 */
import { getDemoCatalog, DEMO_LISTENER } from "@/lib/demo";
import type { ListenerProfile } from "@/lib/listener";
import type { DiscoverDraftTrack } from "./types";

/** Not the demo listener: an empty history, and the demo catalogue as their catalogue (isDemo). */
export function testListener(id: string): ListenerProfile {
  return {
    id,
    displayName: "Test",
    imageUrl: null,
    isDemo: true,
    reconnectRequired: false,
    settings: { timeZone: "Europe/Berlin", listenThresholdMs: 30_000, allowExplicit: true },
  };
}

/** Reads a UI message stream response into its chunks. */
export async function streamChunks(response: Response): Promise<Array<Record<string, unknown>>> {
  return (await response.text())
    .split("\n")
    .filter((line) => line.startsWith("data: ") && line !== "data: [DONE]")
    .map((line) => JSON.parse(line.slice(6)) as Record<string, unknown>);
}

/** The message metadata a stream carried, merged. */
export const metadataOf = (chunks: Array<Record<string, unknown>>) =>
  Object.assign({}, ...chunks.filter((chunk) => chunk.messageMetadata).map((chunk) => chunk.messageMetadata));

/** Scripts the fake Gemini's next replies. */
export const scriptGemini = (origin: string, replies: unknown[]) =>
  fetch(`${origin}/__admin/script`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ replies }),
  });

/** Three catalogue tracks as Discover stores them, and one the listener only knows from their history. */
export function demoDraft(first: number): DiscoverDraftTrack[] {
  const catalog = getDemoCatalog(DEMO_LISTENER.seed);
  const tracks = catalog.tracks.slice(first, first + 3).map((track) => ({
    key: `spotify:track:${track.id}`,
    name: track.name,
    artist: catalog.artistsById.get(track.artistIds[0]!)!.name,
  }));
  return [tracks[2]!, { key: "the unmatched band|an old demo", name: "An Old Demo", artist: "The Unmatched Band" }, tracks[0]!, tracks[1]!];
}
