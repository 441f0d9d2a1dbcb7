import { ImageResponse } from "next/og";
import { site } from "@/lib/site";

export const alt = site.title;
export const size = { width: 1200, height: 630 };
export const contentType = "image/png";

export default function OpenGraphImage() {
  return new ImageResponse(
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        flexDirection: "column",
        justifyContent: "space-between",
        padding: 72,
        background: "linear-gradient(135deg, #101317 0%, #14261b 100%)",
        color: "#f4f6f8",
      }}
    >
      <div style={{ display: "flex", alignItems: "center", gap: 20, fontSize: 44, fontWeight: 700 }}>
        <div style={{ width: 72, height: 72, borderRadius: 20, background: "#3ecf74", display: "flex" }} />
        {site.name}
      </div>
      <div style={{ display: "flex", flexDirection: "column", gap: 24 }}>
        <div style={{ fontSize: 72, fontWeight: 700, lineHeight: 1.1 }}>Your listening, understood.</div>
        <div style={{ fontSize: 32, color: "#b8c2cc", maxWidth: 960 }}>
          Ten years of Spotify history in seconds, recommendations you can trace back to your own plays, and an assistant that knows them.
        </div>
      </div>
    </div>,
    size,
  );
}
