import { describe, expect, it } from "vitest";
import type { ConnectionStatus } from "../../app/connection-status.ts";
import { renderConnection } from "./connection.ts";

function status(overrides: Partial<ConnectionStatus> = {}): ConnectionStatus {
  return {
    exitCode: 0,
    bitbucket: {
      state: "connected",
      workspace: "a-rather-long-workspace-slug-for-wrapping",
      backend: "keychain",
      storeLocation: 'the OS keychain (service "corvana-bb@0123456789ab")',
      credential: {
        kind: "oauth",
        expiresAt: "2099-01-01T10:00:00.000Z",
        renewable: true,
        scopes: ["account", "repository", "pullrequest", "pipeline"],
        missingScopes: [],
        beyondRead: [],
      },
      problem: null,
      hint: null,
    },
    corvana: {
      url: "https://ingest.corvana.io",
      enrolled: true,
      collectorId: "col_7d9b1f0e-5c4a-4d2e-9f3b-2a1c0e9d8b7a",
      enrolledAt: "2026-01-01T00:00:00.000Z",
      keyFingerprint: "0123456789abcdef",
      remote: { state: "offline", reason: "the connection was refused (ECONNREFUSED)" },
    },
    pendingBundles: { directory: "/x", count: 2, oldest: "2026-02-01T00:00:00.000Z" },
    syncLock: { held: true, pid: 4242, host: "collector-host", since: "2026-03-01T08:00:00.000Z" },
    ...overrides,
  };
}

describe("status: connection cards", () => {
  it("fits 80 columns and says what an operator needs at a glance", () => {
    const text = renderConnection(status(), false);
    for (const line of text.split("\n")) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(text).toContain("[ok] Bitbucket    connected");
    expect(text).toContain("OAuth, renewed automatically");
    expect(text).toContain("valid until 2099-01-01 10:00 UTC");
    expect(text).toContain("(read-only)");
    expect(text).toContain("[!!] Corvana      enrolled as collector col_7d9b1f0e");
    expect(text).toContain("offline: the connection was refused");
    expect(text).toContain("running since 2026-03-01 08:00 UTC (process 4242");
    expect(text).toContain("2 bundles waiting for upload since 2026-02-01 00:00 UTC");
    expect(text).not.toContain("\u001b[");
  });

  it("marks a needed login red with its problem and fix", () => {
    const text = renderConnection(
      status({
        exitCode: 3,
        bitbucket: {
          ...status().bitbucket,
          state: "needs-login",
          credential: null,
          problem: 'No saved Bitbucket credentials for workspace "acme".',
          hint: "Run `corvana-bb login`.",
        },
      }),
      true,
    );
    expect(text).toContain("\u001b[31m●\u001b[0m    Bitbucket    needs login");
    expect(text).toContain("fix          Run `corvana-bb login`.");
  });

  it("asks for --remote when Corvana's view was not requested, and shows it when it was", () => {
    const base = status();
    const { remote: _none, ...local } = base.corvana;
    expect(renderConnection({ ...base, corvana: local }, false)).toContain("not asked (add --remote)");
    const online = renderConnection(
      {
        ...base,
        corvana: {
          ...local,
          remote: { state: "online", status: "active", lastBundleAt: null, bundles: 0, records: 0 },
        },
      },
      false,
    );
    expect(online).toContain("[ok] Corvana");
    expect(online).toContain("active; last bundle never, 0 bundles");
  });
});
