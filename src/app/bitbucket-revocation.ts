/**
 * Bitbucket Cloud has no API to revoke an OAuth grant or a token (api-notes › Revocation; BCLOUD-22302),
 * so `disconnect` can only forget them locally and tell the admin where to revoke them by hand. The advice
 * depends on the kind of credential that was saved.
 */
import type { StoredCredentials } from "../auth/stored-credentials.ts";

/** A credential kind, or "unreadable" for a damaged entry, or "env-token" for CORVANA_BB_TOKEN. */
export type RevocableKind = StoredCredentials["kind"] | "unreadable" | "env-token";

/** One line per place to revoke, most relevant first; always at least the OAuth grant. */
export function revocationAdvice(kinds: readonly RevocableKind[]): string[] {
  const has = (kind: RevocableKind) => kinds.includes(kind);
  const lines: string[] = [];
  if (has("oauth") || has("unreadable") || kinds.length === 0) {
    lines.push("OAuth grant: Bitbucket → Personal settings → App authorizations → revoke the corvana-bb consumer.");
  }
  if (has("oauth") || has("client-credentials") || has("unreadable") || kinds.length === 0) {
    lines.push(
      "OAuth consumer: Bitbucket → workspace Settings → Apps and features → OAuth consumers → delete the corvana-bb consumer (this also ends its client-credentials access).",
    );
  }
  if (has("access-token") || has("env-token")) {
    lines.push(
      "Access token: Bitbucket → workspace, project or repository Settings → Security → Access tokens → Revoke.",
    );
  }
  if (has("api-token")) {
    lines.push("Atlassian API token: id.atlassian.com → Security → API tokens → Revoke.");
  }
  return lines;
}
