import { ImageResponse } from "next/og";
import { sharedRecap } from "@/lib/insights";
import { site } from "@/lib/site";

export const alt = "A year in music on EchoTune";
export const size = { width: 1200, height: 630 };
export const contentType = "image/png";

/** The share image: top artists and minutes, only while sharing is on. */
export default async function ShareImage({ params }: { params: Promise<{ token: string }> }) {
  const shared = await sharedRecap((await params).token);
  if (!shared) return new Response("Not found", { status: 404 });
  const { recap, displayName } = shared;
  return new ImageResponse(
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        flexDirection: "column",
        justifyContent: "space-between",
        padding: 64,
        background: "linear-gradient(135deg, #101317 0%, #14261b 100%)",
        color: "#f4f6f8",
      }}
    >
      <div style={{ display: "flex", alignItems: "center", gap: 16, fontSize: 36, fontWeight: 700 }}>
        <div style={{ width: 56, height: 56, borderRadius: 16, background: "#3ecf74", display: "flex" }} />
        {site.name}
      </div>
      <div style={{ display: "flex", flexDirection: "column", gap: 12 }}>
        <div style={{ fontSize: 34, color: "#b8c2cc" }}>{`${displayName}'s ${recap.year} in music`}</div>
        <div style={{ fontSize: 96, fontWeight: 700, lineHeight: 1 }}>{`${recap.minutes.toLocaleString("en")} minutes`}</div>
      </div>
      <div style={{ display: "flex", flexDirection: "column", gap: 8 }}>
        <div style={{ fontSize: 28, color: "#3ecf74", fontWeight: 700 }}>Top artists</div>
        {recap.topArtists.slice(0, 5).map((artist, rank) => (
          <div key={artist.key} style={{ display: "flex", fontSize: 30 }}>{`${rank + 1}. ${artist.name}`}</div>
        ))}
      </div>
    </div>,
    size,
  );
}
