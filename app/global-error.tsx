"use client";

/** Last resort when the root layout itself fails: plain HTML with inline styles, no app CSS. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", display: "grid", placeItems: "center", minHeight: "100dvh", margin: 0 }}>
        <main role="alert" style={{ maxWidth: 480, padding: 24, textAlign: "center" }}>
          <h1 style={{ fontSize: 28, marginBottom: 8 }}>EchoTune hit a problem</h1>
          <p style={{ color: "#555" }}>The app could not start this page. Reload to try again.</p>
          {error.digest ? <p style={{ fontFamily: "monospace", fontSize: 12, color: "#555" }}>Reference: {error.digest}</p> : null}
          <button
            type="button"
            onClick={reset}
            style={{
              marginTop: 16,
              padding: "10px 18px",
              borderRadius: 8,
              border: "1px solid #222",
              background: "#111",
              color: "#fff",
              cursor: "pointer",
            }}
          >
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
