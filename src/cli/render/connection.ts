/**
 * Renders the connection part of `status` as dashboard cards — Bitbucket, Corvana, Sync — each with a
 * green/red mark, within 80 columns. The cache part (runs, repositories) is rendered by status.ts.
 */
import type { ConnectionStatus } from "../../app/connection-status.ts";
import { mark, row } from "./card.ts";
import { formatTime } from "./format.ts";

const LABEL = 12;

const kinds = {
  "env-token": "CORVANA_BB_TOKEN (a ready token from the environment)",
  oauth: "OAuth, renewed automatically",
  "client-credentials": "OAuth client credentials, renewed automatically",
  "access-token": "access token (not renewable: replace it before it expires)",
  "api-token": "Atlassian API token (not renewable)",
} as const;

/** The three cards. */
export function renderConnection(status: ConnectionStatus, colour: boolean): string {
  return `${[bitbucketCard(status, colour), corvanaCard(status, colour), syncCard(status, colour)].join("\n")}\n`;
}

function bitbucketCard(status: ConnectionStatus, colour: boolean): string {
  const bb = status.bitbucket;
  const state = {
    connected: "connected",
    "needs-login": "needs login",
    "store-unavailable": "credential store unavailable",
  }[bb.state];
  const lines = [row(`${mark(bb.state === "connected" ? "ok" : "fail", colour)} `, "Bitbucket", state, LABEL)];
  const add = (label: string, value: string) => lines.push(row("     ", label, value, LABEL));
  add("workspace", bb.workspace ?? "none configured");
  const credential = bb.credential;
  if (credential !== null) {
    add(
      "credentials",
      `${kinds[credential.kind]}; ${bb.backend === "env" ? "from the environment" : `in ${bb.storeLocation}`}`,
    );
    if (credential.expiresAt !== null) {
      const expired = Date.parse(credential.expiresAt) <= Date.now();
      add(
        "token",
        `${expired ? "expired" : "valid until"} ${formatTime(credential.expiresAt)}${credential.renewable ? " (renewed at the next sync)" : ""}`,
      );
    }
    add("scopes", scopesText(credential));
  } else {
    add("store", bb.storeLocation);
  }
  if (bb.problem !== null) add("problem", bb.problem);
  if (bb.hint !== null) add("fix", bb.hint);
  return lines.join("\n");
}

function scopesText(credential: NonNullable<ConnectionStatus["bitbucket"]["credential"]>): string {
  if (credential.scopes.length === 0) return "not reported by Bitbucket";
  const notes = [
    ...(credential.missingScopes.length > 0 ? [`missing ${credential.missingScopes.join(", ")}`] : []),
    ...(credential.beyondRead.length > 0 ? [`more than read: ${credential.beyondRead.join(", ")}`] : []),
  ];
  return `${credential.scopes.join(", ")} (${notes.length > 0 ? notes.join("; ") : "read-only"})`;
}

function corvanaCard(status: ConnectionStatus, colour: boolean): string {
  const cv = status.corvana;
  const remote = cv.remote;
  const down = remote !== undefined && remote.state !== "online";
  const kind = !cv.enrolled ? "warn" : down ? "fail" : "ok";
  const headline = cv.enrolled ? `enrolled as collector ${cv.collectorId}` : "not enrolled (bundles stay local)";
  const lines = [row(`${mark(kind, colour)} `, "Corvana", headline, LABEL)];
  const add = (label: string, value: string) => lines.push(row("     ", label, value, LABEL));
  add("url", cv.url);
  if (!cv.enrolled) add("fix", "corvana-bb login --enroll-only --enrollment-code <code>");
  if (cv.keyFingerprint !== null) add("signing key", cv.keyFingerprint);
  if (cv.lastAcceptedBundle !== undefined) {
    add("last bundle", `accepted ${formatTime(cv.lastAcceptedBundle.acceptedAt)} (${cv.lastAcceptedBundle.bundleId})`);
  }
  if (cv.enrolled) add("server", serverText(remote));
  return lines.join("\n");
}

function serverText(remote: ConnectionStatus["corvana"]["remote"]): string {
  if (remote === undefined) return "not asked (add --remote)";
  switch (remote.state) {
    case "online": {
      const counts = remote.bundles === null ? "" : `, ${remote.bundles} bundles`;
      return `${remote.status}; last bundle ${remote.lastBundleAt === null ? "never" : formatTime(remote.lastBundleAt)}${counts}`;
    }
    case "offline":
      return `offline: ${remote.reason}`;
    case "refused":
      return `refused: ${remote.reason}`;
    case "unknown":
      return "Corvana does not know this collector (deleted or revoked)";
  }
}

function syncCard(status: ConnectionStatus, colour: boolean): string {
  const lock = status.syncLock;
  const pending = status.pendingBundles;
  const headline = lock.held
    ? `running since ${formatTime(lock.since)} (process ${lock.pid} on ${lock.host})`
    : "no sync running";
  const lines = [row(`${mark("ok", colour)} `, "Sync", headline, LABEL)];
  lines.push(
    row(
      "     ",
      "pending",
      pending.count === 0
        ? "no bundles waiting for upload"
        : `${pending.count} bundle${pending.count === 1 ? "" : "s"} waiting for upload since ${formatTime(pending.oldest)}`,
      LABEL,
    ),
  );
  return lines.join("\n");
}
