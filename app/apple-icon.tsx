import { ImageResponse } from "next/og";

export const size = { width: 180, height: 180 };
export const contentType = "image/png";

export default function AppleIcon() {
  return new ImageResponse(
    <div style={{ width: "100%", height: "100%", display: "flex", alignItems: "center", justifyContent: "center", background: "#3ecf74" }}>
      <svg width="132" height="132" viewBox="0 0 32 32">
        <path
          d="M8 19.5c2.2-5 5-7.5 8-7.5s5.8 2.5 8 7.5M11.5 21c1.3-2.6 2.8-4 4.5-4s3.2 1.4 4.5 4"
          fill="none"
          stroke="#0d2a17"
          strokeWidth="2.4"
          strokeLinecap="round"
        />
        <circle cx="16" cy="22.5" r="1.8" fill="#0d2a17" />
      </svg>
    </div>,
    size,
  );
}
