"use client";

/**
 * The import page's client: the drop zone, the worker's progress and the report. One file: the
 * three views share the import's state machine and resume logic.
 */
import { CheckCircle2Icon, FileWarningIcon, Loader2Icon, UploadIcon, XIcon } from "lucide-react";
import Link from "next/link";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type DragEvent } from "react";
import { Button } from "@/components/ui/button";
import { fetchJson } from "@/lib/http/client";
import { LISTEN_THRESHOLD_MS, rejectionReasons, thresholdWords } from "@/lib/ingest/client";
import { cn } from "@/lib/utils";
import type { FileSummary, ImportReportView, WorkerEvent } from "./protocol";

const RESUME_KEY = "echotune-import-in-progress";

interface Pending {
  importId: string;
  fingerprint: string;
  files: string[];
  rowsSent: number;
  totalRows: number;
}

type Phase =
  | { name: "idle" }
  | { name: "reading"; file: string; filesDone: number; filesTotal: number }
  | { name: "uploading"; rowsSent: number; totalRows: number; rowsPerSecond: number; note?: string }
  | { name: "done"; report: ImportReportView }
  | { name: "failed"; message: string };

const number = (value: number) => value.toLocaleString("en");

function readPending(): Pending | null {
  try {
    return JSON.parse(localStorage.getItem(RESUME_KEY) ?? "null") as Pending | null;
  } catch {
    return null;
  }
}

// The interrupted import lives in localStorage: read through an external store, so the server
// render (no storage) and the first client render agree, and other tabs' changes show up.
const pendingListeners = new Set<() => void>();
function subscribePending(listener: () => void) {
  pendingListeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    pendingListeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}
function writePending(value: Pending | null) {
  if (value) localStorage.setItem(RESUME_KEY, JSON.stringify(value));
  else localStorage.removeItem(RESUME_KEY);
  for (const listener of pendingListeners) listener();
}

/** Drop the export, watch it go, read the report. Reloading mid-way and dropping the same files resumes. */
export function ImportClient() {
  const [phase, setPhase] = useState<Phase>({ name: "idle" });
  const [files, setFiles] = useState<FileSummary[]>([]);
  const pendingRaw = useSyncExternalStore(
    subscribePending,
    () => localStorage.getItem(RESUME_KEY),
    () => null,
  );
  const pending = pendingRaw ? (JSON.parse(pendingRaw) as Pending) : null;
  const [dragging, setDragging] = useState(false);
  const worker = useRef<Worker | null>(null);
  const current = useRef<Pending | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => () => worker.current?.terminate(), []);

  const start = useCallback((chosen: File[]) => {
    if (chosen.length === 0) return;
    worker.current?.terminate();
    const resume = readPending();
    const instance = new Worker(new URL("./import.worker.ts", import.meta.url), { type: "module" });
    worker.current = instance;
    setFiles([]);
    setPhase({ name: "reading", file: chosen[0]?.name ?? "", filesDone: 0, filesTotal: chosen.length });
    instance.onmessage = (message: MessageEvent<WorkerEvent>) => {
      const event = message.data;
      switch (event.type) {
        case "reading":
          setPhase({ name: "reading", file: event.file, filesDone: event.filesDone, filesTotal: event.filesTotal });
          break;
        case "parsed":
          setFiles(event.files);
          break;
        case "created":
          current.current = {
            importId: event.importId,
            fingerprint: event.fingerprint,
            files: chosen.map((file) => file.name),
            rowsSent: 0,
            totalRows: 0,
          };
          writePending(current.current);
          setPhase({
            name: "uploading",
            rowsSent: 0,
            totalRows: 0,
            rowsPerSecond: 0,
            note: event.resumed ? "Resuming where the last upload stopped." : undefined,
          });
          break;
        case "progress":
          if (current.current) {
            current.current = { ...current.current, rowsSent: event.rowsSent, totalRows: event.totalRows };
            writePending(current.current);
          }
          setPhase((previous) => ({
            name: "uploading",
            rowsSent: event.rowsSent,
            totalRows: event.totalRows,
            rowsPerSecond: event.rowsPerSecond,
            note: previous.name === "uploading" ? previous.note : undefined,
          }));
          break;
        case "retrying":
          setPhase((previous) =>
            previous.name === "uploading"
              ? { ...previous, note: `Connection trouble (${event.reason}); retrying in ${event.waitSeconds} s. Nothing is lost.` }
              : previous,
          );
          break;
        case "done":
          writePending(null);
          setPhase({ name: "done", report: event.report });
          instance.terminate();
          break;
        case "failed":
          setPhase({ name: "failed", message: event.message });
          instance.terminate();
          break;
      }
    };
    // The worker checks the interrupted import belongs to these files (same names and sizes) before reusing it.
    instance.postMessage({ type: "start", files: chosen, resumeImportId: resume?.importId ?? null });
  }, []);

  const cancel = useCallback(async () => {
    worker.current?.terminate();
    const active = current.current ?? readPending();
    writePending(null);
    if (active) {
      await fetchJson(`/api/imports/${active.importId}/complete`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ status: "cancelled" }),
      }).catch(() => undefined);
    }
    setPhase({ name: "idle" });
  }, []);

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    start([...event.dataTransfer.files]);
  };

  const busy = phase.name === "reading" || phase.name === "uploading";

  return (
    <div className="space-y-6">
      {pending && !busy && phase.name !== "done" ? (
        <div
          role="status"
          data-testid="resume-banner"
          className="flex flex-col gap-3 rounded-lg border border-amber-500/40 bg-amber-500/10 p-4 sm:flex-row sm:items-center"
        >
          <p className="flex-1 text-sm">
            An import stopped at {pending.totalRows ? Math.round((pending.rowsSent / pending.totalRows) * 100) : 0}% (
            {pending.files.join(", ")}). Drop the same files again to finish it: what was already sent is not sent twice.
          </p>
          <Button variant="outline" size="sm" onClick={() => void cancel()}>
            Discard it
          </Button>
        </div>
      ) : null}

      <div
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={cn(
          "flex flex-col items-center gap-4 rounded-xl border-2 border-dashed px-6 py-12 text-center transition-colors",
          dragging ? "border-primary bg-accent" : "border-border",
          busy && "pointer-events-none opacity-60",
        )}
      >
        <UploadIcon className="size-8 text-muted-foreground" aria-hidden="true" />
        <div>
          <p className="font-medium">Drop your Spotify export here</p>
          <p className="mt-1 text-sm text-muted-foreground">
            The .zip Spotify emailed you, or the .json files inside it. Several at once is fine.
          </p>
        </div>
        <Button onClick={() => inputRef.current?.click()} disabled={busy} data-testid="choose-files">
          Choose files
        </Button>
        <label className="sr-only" htmlFor="export-files">
          Spotify export files
        </label>
        <input
          ref={inputRef}
          id="export-files"
          data-testid="import-input"
          type="file"
          multiple
          accept=".zip,.json,application/zip,application/json"
          className="sr-only"
          tabIndex={-1}
          onChange={(event) => {
            start([...(event.target.files ?? [])]);
            event.target.value = "";
          }}
        />
        <p className="text-xs text-muted-foreground">
          Read in your browser. IP addresses, devices and usernames are removed before anything is sent.
        </p>
      </div>

      {phase.name === "reading" ? (
        <div role="status" aria-live="polite" className="flex items-center gap-3 text-sm" data-testid="import-reading">
          <Loader2Icon className="size-4 animate-spin" aria-hidden="true" />
          Reading {phase.file} ({phase.filesDone} of {phase.filesTotal} files done)…
        </div>
      ) : null}

      {phase.name === "uploading" ? (
        <section aria-label="Import progress" className="space-y-3" data-testid="import-progress">
          <div className="flex items-baseline justify-between gap-4 text-sm">
            <span>
              Sending {number(phase.rowsSent)} of {number(phase.totalRows)} plays
            </span>
            <span className="text-muted-foreground">
              {phase.rowsPerSecond > 0 ? `${number(phase.rowsPerSecond)} rows/s` : ""}
              {phase.rowsPerSecond > 0 && phase.totalRows > phase.rowsSent
                ? ` · about ${Math.ceil((phase.totalRows - phase.rowsSent) / phase.rowsPerSecond)} s left`
                : ""}
            </span>
          </div>
          <div
            role="progressbar"
            aria-label="Plays sent"
            aria-valuemin={0}
            aria-valuemax={phase.totalRows || 1}
            aria-valuenow={phase.rowsSent}
            className="h-3 overflow-hidden rounded-full bg-muted"
          >
            <div
              className="h-full bg-primary transition-[width]"
              style={{ width: `${phase.totalRows ? (phase.rowsSent / phase.totalRows) * 100 : 0}%` }}
            />
          </div>
          {phase.note ? <p className="text-sm text-muted-foreground">{phase.note}</p> : null}
          <Button variant="outline" size="sm" onClick={() => void cancel()} data-testid="cancel-import">
            <XIcon aria-hidden="true" />
            Cancel import
          </Button>
        </section>
      ) : null}

      {phase.name === "failed" ? (
        <div role="alert" className="rounded-lg border border-destructive/40 bg-destructive/10 p-4 text-sm" data-testid="import-failed">
          <p className="font-medium">The import stopped: {phase.message}</p>
          <p className="mt-1">Nothing already stored is lost. Drop the same files again to continue.</p>
        </div>
      ) : null}

      {files.length > 0 ? <FileList files={files} /> : null}
      {phase.name === "done" ? <ImportReport report={phase.report} /> : null}
    </div>
  );
}

function FileList({ files }: { files: FileSummary[] }) {
  return (
    <section aria-labelledby="import-files-title" className="space-y-2">
      <h2 id="import-files-title" className="text-sm font-medium">
        Files
      </h2>
      <ul className="divide-y rounded-lg border text-sm" data-testid="import-files">
        {files.map((file) => (
          <li key={file.name} className="flex flex-col gap-1 px-4 py-3">
            <div className="flex items-center justify-between gap-4">
              <span className="truncate font-mono text-xs">{file.name}</span>
              <span className="shrink-0 text-muted-foreground">{file.rows ? `${number(file.rows)} rows` : file.kind}</span>
            </div>
            {file.message ? (
              <p className={cn("flex gap-2", file.error ? "text-destructive" : "text-muted-foreground")}>
                <FileWarningIcon className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
                {file.message}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** An import that found no play at all: what each file was and what to do, never a green "complete". */
function NothingImported({ report, reasons }: { report: ImportReportView; reasons: string[] }) {
  return (
    <section
      role="alert"
      aria-labelledby="import-report-title"
      className="space-y-3 rounded-xl border border-destructive/40 bg-destructive/10 p-6"
      data-testid="import-report"
      data-outcome="nothing-imported"
    >
      <h2 id="import-report-title" className="flex items-center gap-2 text-lg font-semibold">
        <FileWarningIcon className="size-5 shrink-0 text-destructive" aria-hidden="true" />
        Nothing was imported
      </h2>
      <ul className="list-disc space-y-1 pl-5 text-sm" data-testid="report-nothing-reasons">
        {reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      <p className="text-sm">
        {report.counts.read > 0 ? `${number(report.counts.read)} rows read, none of them a play EchoTune imports. ` : ""}
        Your listening history is unchanged: choose other files above to try again.
      </p>
    </section>
  );
}

export function ImportReport({ report }: { report: ImportReportView }) {
  if (report.nothingImported) return <NothingImported report={report} reasons={report.nothingImported} />;
  const { counts } = report;
  const threshold = thresholdWords(report.listenThresholdMs ?? LISTEN_THRESHOLD_MS);
  const rows: Array<[string, number, string]> = [
    ["Imported", counts.accepted, `Plays of ${threshold} or more, now in your history`],
    ["Short plays", counts.short, `Under ${threshold}: kept, but not counted as listens`],
    ["Already there", counts.duplicate, "Stored before, by an earlier import or a sync"],
    ["Not imported", counts.rejected, "See the reasons below"],
  ];
  return (
    <section aria-labelledby="import-report-title" className="space-y-4 rounded-xl border p-6" data-testid="import-report">
      <h2 id="import-report-title" className="flex items-center gap-2 text-lg font-semibold">
        <CheckCircle2Icon className="size-5 text-brand-text" aria-hidden="true" />
        Import {report.status === "completed" ? "complete" : report.status}
      </h2>
      <p className="text-sm text-muted-foreground">
        <span data-testid="report-read">{number(counts.read)}</span> rows read, every one accounted for.
      </p>
      <dl className="grid gap-3 sm:grid-cols-2">
        {rows.map(([label, value, hint]) => (
          <div key={label} className="rounded-lg bg-muted/50 p-3">
            <dt className="text-sm text-muted-foreground">{label}</dt>
            <dd className="text-2xl font-semibold tabular-nums" data-testid={`report-${label.toLowerCase().replace(/\s+/g, "-")}`}>
              {number(value)}
            </dd>
            <dd className="text-xs text-muted-foreground">{hint}</dd>
          </div>
        ))}
      </dl>
      {Object.keys(report.rejectedReasons).length > 0 ? (
        <ul className="space-y-1 text-sm" data-testid="report-reasons">
          {Object.entries(report.rejectedReasons).map(([reason, count]) => (
            <li key={reason}>
              {number(count)}: {rejectionReasons[reason as keyof typeof rejectionReasons] ?? reason}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="text-xs text-muted-foreground">{report.listenRule}</p>
      <Button asChild>
        <Link href="/dashboard">See your dashboard</Link>
      </Button>
    </section>
  );
}
