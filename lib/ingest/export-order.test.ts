import { describe, expect, it } from "vitest";
import { inExportOrder } from "./export-order";

const named = (names: string[]) => names.map((name) => ({ name }));

describe("inExportOrder", () => {
  it("puts each series of Spotify's numbered files in number order, whatever the years in the names", () => {
    const byName = [
      "Streaming_History_Audio_2016-2017_0.json",
      "Streaming_History_Audio_2017-2018_2.json",
      "Streaming_History_Audio_2017_1.json",
      "Streaming_History_Audio_2024-2025_11.json",
      "Streaming_History_Audio_2024_10.json",
      "Streaming_History_Video_2016-2026.json",
    ];
    expect(inExportOrder(named(byName)).map((file) => file.name)).toEqual([
      "Streaming_History_Audio_2016-2017_0.json",
      "Streaming_History_Audio_2017_1.json",
      "Streaming_History_Audio_2017-2018_2.json",
      "Streaming_History_Audio_2024_10.json",
      "Streaming_History_Audio_2024-2025_11.json",
      "Streaming_History_Video_2016-2026.json",
    ]);
  });

  it("orders each series in the places its files held, in folders too, and leaves other files where they are", () => {
    const files = named([
      "export/endsong_2.json",
      "ReadMeFirst.pdf",
      "export/StreamingHistory_music_1.json",
      "export/endsong_10.json",
      "export/StreamingHistory_music_0.json",
      "export/endsong_0.json",
    ]);
    expect(inExportOrder(files).map((file) => file.name)).toEqual([
      "export/endsong_0.json",
      "ReadMeFirst.pdf",
      "export/StreamingHistory_music_0.json",
      "export/endsong_2.json",
      "export/StreamingHistory_music_1.json",
      "export/endsong_10.json",
    ]);
  });
});
