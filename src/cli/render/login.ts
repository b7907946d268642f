/** Renders `login`: progress lines while it runs (stderr) and the summary when it is done (stdout). */
import type { LoginEvent, LoginResult } from "../../auth/login.ts";
import { wrap } from "./card.ts";
import { formatTime } from "./format.ts";

/** One progress event as text for stderr; empty when there is nothing to say. */
export function renderLoginEvent(event: LoginEvent, remote: boolean): string {
  switch (event.type) {
    case "authorize": {
      const port = new URL(event.redirectUri).port;
      // The address stays on one line (it is copied); the prose is wrapped for an 80-column terminal.
      const lines = ["Open this address in a browser to log in to Bitbucket:", "", `  ${event.url}`, ""];
      const say = (text: string) => lines.push(...wrap(text, 80));
      if (event.openingBrowser) say("Opening your browser… (if nothing opens, use the address above)");
      say(`Waiting up to ${waitText(event.timeoutMs)} for Bitbucket to send the browser back to ${event.redirectUri}.`);
      if (remote && event.acceptsPaste) {
        say(
          "If the browser runs on another machine, its last page will not load: copy that page's address from the address bar, paste it here and press Enter.",
        );
      }
      if (remote) say(`Or forward the port from your machine first: ssh -L ${port}:127.0.0.1:${port} <this host>`);
      return `${lines.join("\n")}\n`;
    }
    case "browser-failed":
      return "Could not open a browser; open the address above yourself.\n";
    case "refused":
      return `${refusedText[event.reason]}\n`;
    case "exchanging":
      return "Authorization received; finishing the login…\n";
    case "verifying":
      return "Checking the credentials with Bitbucket…\n";
    case "enrolling":
      return "";
  }
}

function waitText(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}

const refusedText = {
  "wrong-state":
    "warning: refused a callback with the wrong state (it belongs to another login attempt); still waiting.",
  replayed: "warning: refused a second callback; this login already has its answer.",
  "pasted-wrong-state":
    "That address belongs to another login attempt (its state does not match); paste the one from this login.",
  "pasted-unrecognised":
    "That is neither the redirected address nor a code; paste the whole address from the browser's address bar.",
} as const;

const kindText = {
  oauth: "OAuth (the access token is renewed automatically)",
  "client-credentials": "OAuth client credentials (a new access token is fetched when needed)",
  "access-token": "access token",
  "api-token": "Atlassian API token",
} as const;

/** The summary printed on stdout. */
export function renderLoginResult(result: LoginResult): string {
  const out: string[] = [];
  const bb = result.bitbucket;
  if (bb !== undefined) {
    const account = bb.accountType === undefined ? "" : `, account type ${bb.accountType}`;
    out.push(`Logged in to Bitbucket workspace "${bb.workspace}" with ${kindText[bb.kind]}${account}.`);
    out.push(`Credentials saved in ${result.store.location}.`);
    if (bb.expiresAt !== undefined) out.push(`Current access token valid until ${formatTime(bb.expiresAt)}.`);
    out.push(`Granted scopes: ${bb.scopes.length > 0 ? bb.scopes.join(", ") : "(Bitbucket did not say)"}.`);
    if (bb.scopeReport.beyondRead.length > 0) {
      out.push(
        `warning: these credentials allow more than reading (${bb.scopeReport.beyondRead.join(", ")}).`,
        "  corvana-bb only ever reads; ask your Bitbucket admin for a read-only consumer or token",
        "  (Account, Repositories, Pull requests, Pipelines: read), see docs/login.md.",
      );
    }
    if (bb.scopeReport.missing.length > 0) {
      out.push(`note: missing read access (${bb.scopeReport.missing.join(", ")}); sync will skip what needs it.`);
    }
    if (bb.workspaceRemembered) out.push(`"${bb.workspace}" is now the default workspace (config.json).`);
    if (result.envTokenOverrides)
      out.push("note: CORVANA_BB_TOKEN is set, and it overrides the saved credentials while it is.");
  }
  out.push(renderEnrollment(result));
  return `${out.join("\n")}\n`;
}

function renderEnrollment(result: LoginResult): string {
  const enrollment = result.enrollment;
  const later = "Enroll later with: corvana-bb login --enroll-only --enrollment-code <code>";
  switch (enrollment.status) {
    case "enrolled":
      return `Enrolled with Corvana as collector ${enrollment.collectorId} (signing key ${enrollment.keyFingerprint}${enrollment.rotated ? ", new" : ""}).`;
    case "already-enrolled":
      return `Enrolled with Corvana as collector ${enrollment.collectorId} (signing key ${enrollment.keyFingerprint}).`;
    case "not-enrolled":
      return enrollment.reason === "unavailable"
        ? `Not enrolled with Corvana: ${enrollment.detail ?? "it could not be reached"} The Bitbucket login is saved and sync works offline.\n${later}`
        : `Not enrolled with Corvana yet (no enrollment code). Signing key ${enrollment.keyFingerprint} is ready.\n${later}`;
  }
}
