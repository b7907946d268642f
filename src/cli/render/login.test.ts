import { describe, expect, it } from "vitest";
import type { LoginResult } from "../../auth/login.ts";
import { renderLoginEvent, renderLoginResult } from "./login.ts";

const result: LoginResult = {
  bitbucket: {
    workspace: "acme",
    kind: "oauth",
    accountType: "user",
    scopes: ["account", "repository:admin", "pullrequest"],
    scopeReport: { beyondRead: ["repository:admin"], missing: ["pipeline"] },
    expiresAt: "2026-11-25T14:03:00.000Z",
    workspaceRemembered: true,
  },
  store: { backend: "keychain", location: 'the OS keychain (service "corvana-bb")' },
  envTokenOverrides: false,
  enrollment: {
    status: "not-enrolled",
    reason: "unavailable",
    detail: "Cannot reach Corvana at https://ingest.example (ENOTFOUND).",
    keyFingerprint: "0123456789abcdef",
  },
};

describe("login rendering", () => {
  it("says where the credentials are, warns plainly about write access, and says how to enroll later", () => {
    const text = renderLoginResult(result);
    expect(text).toContain('Logged in to Bitbucket workspace "acme" with OAuth');
    expect(text).toContain('Credentials saved in the OS keychain (service "corvana-bb").');
    expect(text).toContain("warning: these credentials allow more than reading (repository:admin).");
    expect(text).toContain("read-only consumer");
    expect(text).toContain("note: missing read access (pipeline)");
    expect(text).toContain("corvana-bb login --enroll-only --enrollment-code <code>");
  });

  it("prints the address and, on a remote host, how to paste it back or forward the port", () => {
    const text = renderLoginEvent(
      {
        type: "authorize",
        url: "https://bitbucket.org/site/oauth2/authorize?x=1",
        redirectUri: "http://127.0.0.1:53682/callback",
        openingBrowser: false,
        acceptsPaste: true,
        timeoutMs: 300_000,
      },
      true,
    );
    expect(text).toContain("  https://bitbucket.org/site/oauth2/authorize?x=1\n");
    expect(text).toContain("Waiting up to 5 min");
    expect(text).toContain("paste it here");
    expect(text).toContain("ssh -L 53682:127.0.0.1:53682");
    expect(text).not.toContain("Opening your browser");
  });
});
