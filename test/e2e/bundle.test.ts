/**
 * The bundle commands as a user runs them: the built CLI in child processes against the Bitbucket and Corvana
 * sandboxes, with a collector host and an empty "other machine". Covers the air-gapped path end to end.
 */
import fs from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allowedFields } from "../../src/sandbox/corvana/allowed-fields.ts";
import { type BundleWorld, recordTables, startBundleWorld } from "../helpers/bundle-world.ts";
import { repoRoot, runCli } from "../helpers/run-cli.ts";

let world: BundleWorld;
beforeAll(async () => {
  expect(fs.existsSync(path.join(repoRoot, "dist", "cli", "main.js")), "run `npm run build` first").toBe(true);
  // Steps on, so the crawl fills every table a bundle can carry.
  world = await startBundleWorld({ repositories: 4, pullRequests: 25, steps: "all" });
});
afterAll(() => world.close());

/** The decompressed records of a bundle file, found by locating the gzip entry after the two first entries. */
function recordsText(file: string): string {
  const bytes = fs.readFileSync(file);
  const gzipStart = bytes.indexOf(Buffer.from([0x1f, 0x8b, 0x08]));
  return gunzipSync(bytes.subarray(gzipStart)).toString("utf8");
}

const storeCounts = () => world.storeCounts();
const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

describe("the air-gapped path with the built CLI", () => {
  const carried = () => path.join(world.home, "carried.tar");

  it("syncs without uploading, exports everything, and inspect --json matches the cache's counts for every type", async () => {
    const sync = await runCli(["sync", "--no-upload"], world.env);
    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.stdout).toContain("Upload skipped (--no-upload)");
    expect(world.corvana.uploads).toEqual([]);

    const exported = await runCli(["bundle", "export", "--all", "--out", carried()], world.env);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain("Carry the file to a connected machine");

    const inspect = await runCli(["bundle", "inspect", carried(), "--json"], world.env);
    expect(inspect.code, inspect.stderr).toBe(0);
    const report = JSON.parse(inspect.stdout) as {
      counts: Record<string, number>;
      fields: Record<string, string[]>;
      allowlist: { ok: boolean };
      verification: { ok: boolean };
    };
    expect(Object.keys(storeCounts()).sort()).toEqual(Object.keys(recordTables).sort());
    expect(report.counts).toEqual(storeCounts());
    for (const type of Object.keys(recordTables)) expect(report.fields[type], type).toEqual(allowedFields[type]);
    expect(report.allowlist.ok).toBe(true);
    expect(report.verification.ok).toBe(true);
    const human = await runCli(["bundle", "inspect", carried()], world.env);
    expect(human.stdout).toContain("Every field of every record is on the allowlist");
  });

  it("carries no canary, name, e-mail or raw account uuid in the bundle file or its records", () => {
    const file = fs.readFileSync(carried()).toString("latin1");
    const records = recordsText(carried());
    expect(records.split("\n").filter(Boolean).length).toBe(total(storeCounts()));
    for (const value of world.forbidden) {
      expect(records, value).not.toContain(value);
      expect(file, value).not.toContain(value);
    }
  });

  it("verifies on another machine with no credentials, and exits 8 when a byte changes", async () => {
    const other = world.otherMachine();
    const ok = await runCli(["bundle", "verify", carried()], other.env);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^OK: /m);

    const tampered = path.join(other.home, "tampered.tar");
    const bytes = fs.readFileSync(carried());
    bytes[Math.floor(bytes.length / 2)] = (bytes[Math.floor(bytes.length / 2)] ?? 0) ^ 0x04;
    fs.writeFileSync(tampered, bytes);
    const bad = await runCli(["bundle", "verify", tampered], other.env);
    expect(bad.code).toBe(8);
    expect(`${bad.stdout}${bad.stderr}`).toMatch(/VERIFICATION FAILED|not an intact corvana-bb bundle/);
  });

  it("uploads from another machine with no secret: the signature proves origin, and a second upload is a no-op", async () => {
    const other = world.otherMachine();
    const first = await runCli(["bundle", "upload", carried()], other.env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("proved by its signature alone");
    expect(world.corvana.bundles.size).toBe(1);
    expect(world.corvana.uploads.at(-1)).toMatchObject({ status: 201, withToken: false });

    const again = await runCli(["bundle", "upload", carried()], other.env);
    expect(again.code, again.stderr).toBe(0);
    expect(world.corvana.uploads.at(-1)).toMatchObject({ status: 200 });
    expect(world.corvana.bundles.size).toBe(1);
    expect(world.corvana.records()).toHaveLength(total(storeCounts()));
  });

  it("then uploads only what changed since the carried bundle when sync runs with upload", async () => {
    const sync = await runCli(["sync"], world.env);
    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.stdout).toContain("Nothing new to upload.");
    expect(world.corvana.bundles.size).toBe(1);
  });
});
