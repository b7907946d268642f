/**
 * Rendering for `bundle export|inspect|verify|upload` and for the upload step of `sync`: plain paragraphs for
 * people, and JSON shapes for scripts (errors as their message, hint and exit code — never an object dump).
 */
import type { BundleExportResult } from "../../app/bundle-export.ts";
import type { BundleUploadResult } from "../../app/bundle-upload.ts";
import type { UploadSummary } from "../../app/upload-after-sync.ts";
import type { Delivered, UploadEvent } from "../../app/upload-delivery.ts";
import type { InspectReport } from "../../bundle/inspect-bundle.ts";
import type { Manifest } from "../../bundle/manifest.ts";
import type { VerifyReport } from "../../bundle/verify-bundle.ts";
import { formatCount } from "../render/format.ts";

const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? "" : "s"}`;

/** One log line per upload event (stderr). */
export function describeUploadEvent(event: UploadEvent): string {
  switch (event.type) {
    case "uploading":
      return `Uploading bundle ${event.bundleId} (${plural(event.records, "record")})`;
    case "delivered":
      return event.replay
        ? `Corvana already had bundle ${event.bundleId} (an earlier upload was interrupted after it arrived)`
        : `Corvana accepted bundle ${event.bundleId}`;
    case "splitting":
      return `Bundle ${event.bundleId} is too large for Corvana: re-exported as ${event.parts} smaller parts`;
    case "retrying":
      return `Upload answered ${event.reason}; retrying in ${(event.delayMs / 1000).toFixed(1)} s (attempt ${event.attempt + 1})`;
  }
}

function deliveredLine(delivered: Delivered[]): string {
  const records = delivered.reduce((n, d) => n + d.records, 0);
  const replays = delivered.filter((d) => d.replay).length;
  return (
    `Uploaded ${plural(delivered.length, "bundle")} to Corvana: ${plural(records, "record")} accepted` +
    (replays > 0 ? ` (${replays} re-sent after an interrupted upload; Corvana kept one copy)` : "") +
    ".\n"
  );
}

/** The upload paragraph of `sync`'s summary. */
export function renderUploadSummary(summary: UploadSummary | { status: "skipped" }): string {
  if (summary.status === "skipped") {
    return "Upload skipped (--no-upload): the changes wait in the local cache; `corvana-bb bundle export` writes them to a file.\n";
  }
  if (summary.status === "not-enrolled") {
    return `Not enrolled with Corvana: nothing was uploaded, the data stays in the local cache.\n${summary.hint}\n`;
  }
  const lines: string[] = [];
  if (summary.delivered.length > 0) lines.push(deliveredLine(summary.delivered));
  else if (summary.failure === undefined) lines.push("Nothing new to upload.\n");
  for (const id of summary.lost) {
    lines.push(`Bundle ${id} was removed before it was uploaded; its records go out with the next export.\n`);
  }
  if (summary.failure !== undefined)
    lines.push("The upload stopped; pending bundles are kept and re-sent next time.\n");
  return lines.join("");
}

/** The upload summary as JSON-ready data. */
export function uploadSummaryJson(summary: UploadSummary | { status: "skipped" }): unknown {
  if (summary.status !== "uploaded") return summary;
  const { failure, ...rest } = summary;
  return {
    ...rest,
    failure:
      failure === undefined
        ? null
        : { message: failure.message, hint: failure.hint ?? null, exitCode: failure.exitCode },
  };
}

function windowLine(manifest: Manifest): string {
  const w = manifest.window;
  const runs =
    w.after_run === 0 ? `sync runs up to #${w.through_run}` : `sync runs #${w.after_run + 1}–#${w.through_run}`;
  return `${w.scope === "all" ? "everything" : "changes"} from ${runs}${w.through ? ` (through ${w.through})` : ""}`;
}

/** What `bundle export` wrote. */
export function renderExport(result: BundleExportResult): string {
  if (result.status === "nothing") {
    const through = result.window.through_run;
    return through === 0
      ? "Nothing to export: no sync has run yet.\n"
      : `Nothing changed since the last bundle (sync run #${through}). Use --all to export everything.\n`;
  }
  const lines = result.bundles.map(
    (b) =>
      `  ${b.file}\n    id ${b.id}, ${plural(b.records, "record")}, ${formatCount(b.bytes)} bytes, sha256 ${b.sha256}`,
  );
  const where =
    result.bundles[0]?.status === "pending"
      ? "Pending upload: the next `corvana-bb sync` (or `corvana-bb bundle upload FILE`) sends it."
      : "Carry the file to a connected machine and run `corvana-bb bundle upload FILE` there.";
  return [
    `Exported ${plural(result.bundles.length, "bundle")} signed by key ${result.signerFingerprint}:`,
    ...lines,
    where,
    ...(result.notEnrolled === undefined
      ? []
      : [`This install is not enrolled yet: Corvana accepts the bundle once its key is. ${result.notEnrolled}`]),
    "",
  ].join("\n");
}

/** `bundle verify`. */
export function renderVerify(report: VerifyReport): string {
  const m = report.manifest;
  const head = `Bundle ${m.bundle_id} — workspace ${m.workspace}, collector ${m.collector.id ?? "(not enrolled)"}, ${plural(m.records, "record")}`;
  if (!report.ok) return `${head}\nVERIFICATION FAILED:\n${report.problems.map((p) => `  - ${p}`).join("\n")}\n`;
  const origin =
    report.checks.expectedKey === true
      ? "the key you gave"
      : "the key named in the bundle; compare its fingerprint with the one `login` printed, or pass --public-key";
  return (
    `${head}\nOK: the signature is valid, by key ${report.signerFingerprint} (${origin}).\n` +
    `The records match their SHA-256 ${m.content.sha256}.\n`
  );
}

/** `bundle inspect`. */
export function renderInspect(report: InspectReport): string {
  const m = report.manifest;
  const out: string[] = [
    `Bundle ${m.bundle_id} (format ${m.format_version}), made ${m.created_at} by corvana-bb ${m.collector.version}`,
    `Workspace ${m.workspace}, collector ${m.collector.id ?? "(not enrolled)"}: ${windowLine(m)}`,
    `Signer: Ed25519 key ${report.verification.signerFingerprint ?? "(unreadable)"} — ${
      report.verification.ok
        ? "signature and digest verified"
        : `NOT VERIFIED (${report.verification.problems.join("; ")})`
    }`,
    "",
    "Records:",
  ];
  const typeWidth = Math.max(0, ...Object.keys(report.counts).map((type) => type.length));
  for (const [type, count] of Object.entries(report.counts)) {
    out.push(
      `  ${type.padEnd(typeWidth)} ${formatCount(count).padStart(9)}   fields: ${(report.fields[type] ?? []).join(", ")}`,
    );
  }
  if (Object.keys(report.counts).length === 0) out.push("  (none)");
  if (!report.countsMatchManifest) out.push("  WARNING: the counts differ from the manifest's.");
  out.push("");
  const a = report.allowlist;
  if (a.ok) {
    out.push("Every field of every record is on the allowlist (docs/data-collected.md).");
  } else {
    out.push("NOT on this version's allowlist:");
    for (const f of a.unknownTypes) out.push(`  record type ${f.type} (${plural(f.records, "record")})`);
    for (const f of a.unlistedFields) out.push(`  ${f.type}.${f.field} (${plural(f.records, "record")})`);
    for (const f of a.invalidValues)
      out.push(`  ${f.type}.${f.field}: value of the wrong shape (${plural(f.records, "record")})`);
    if (a.unreadableLines > 0) out.push(`  ${plural(a.unreadableLines, "line")} that are not records`);
    if (report.recordsError !== null) out.push(`  the records could not be read to the end (${report.recordsError})`);
  }
  out.push("", "Sample records:");
  for (const [type, samples] of Object.entries(report.samples)) {
    for (const sample of samples) out.push(`  ${JSON.stringify(sample)}`);
    if (samples.length === 0) out.push(`  (${type}: none)`);
  }
  return `${out.join("\n")}\n`;
}

/** `bundle upload`. */
export function renderUpload(result: BundleUploadResult): string {
  const how = result.withToken
    ? "with this collector's ingest token"
    : "proved by its signature alone (no ingest token here)";
  const recorded = result.recorded ? " This host's cache records it as uploaded." : "";
  return `${deliveredLine(result.delivered)}Sent to ${result.corvanaUrl}, ${how}.${recorded}\n`;
}
