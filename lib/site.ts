/** Words about the product that pages, metadata and the manifest share. */
export const site = {
  name: "EchoTune",
  title: "EchoTune: your Spotify listening, understood",
  description:
    "Import your Spotify history and see ten years of listening in seconds, get recommendations explained from your own plays, and ask an AI assistant that answers from your real data.",
  /** What the demo listener's history is, wherever the demo is labelled ("Demo listener · …"). */
  demoHistory: "history up to yesterday",
} as const;
