"use client";

import { DownloadIcon } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { networkProblem, readProblem } from "@/lib/http/client";
import { EXPORT_URL } from "@/lib/privacy/client";

/**
 * "Download all my data": fetches the zip (busy while the server makes it: a long history takes a
 * few seconds) and hands it to the browser as a download under the server's file name. A refusal
 * (a rate limit, an outage) is said under the button.
 */
export function DownloadData() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");

  async function download() {
    setBusy(true);
    setError("");
    try {
      const response = await fetch(EXPORT_URL).catch((failure: unknown) => {
        throw networkProblem(failure);
      });
      if (!response.ok) throw await readProblem(response, { fallback: "Your data could not be prepared. Try again in a minute." });
      const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "echotune.zip";
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      // The download has taken the blob's bytes by the next task.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : "Your data could not be downloaded. Try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="grid gap-2">
      <Button
        variant="outline"
        className="self-start"
        onClick={() => void download()}
        disabled={busy}
        aria-busy={busy}
        data-testid="download-data"
      >
        <DownloadIcon aria-hidden="true" />
        {busy ? "Preparing your data…" : "Download all my data"}
      </Button>
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
