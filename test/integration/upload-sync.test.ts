/**
 * The upload step of `sync` against the Corvana sandbox on loopback (real undici, real SQLite, real files):
 * retries, exactly-once delivery of pending bundles, the not-enrolled and revoked cases.
 */
import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { createCollectorAdmin } from "../../src/corvana/collector-admin.ts";
import { arrivals, type BundleWorld, receivedText, recordTables, startBundleWorld } from "../helpers/bundle-world.ts";

let world: BundleWorld;
afterEach(async () => {
  expect(world.corvana.server.unrecognised).toEqual([]);
  await world.close();
});

describe("sync uploads", () => {
  it("delivers the first sync's records of every type exactly once after two 503s and a 429", async () => {
    world = await startBundleWorld({ faults: { unavailable: 2, throttled: 1 }, steps: "all" });
    const result = await world.sync();
    expect(result.upload).toMatchObject({ status: "uploaded", exported: 1, failure: undefined });
    expect(world.corvana.uploads.map((u) => u.status)).toEqual([503, 503, 429, 201]);
    expect(world.corvana.uploads.every((u) => u.withToken)).toBe(true);
    expect(world.corvana.bundles.size).toBe(1);
    const bundle = [...world.corvana.bundles.values()][0];
    expect(bundle?.counts).toEqual(world.storeCounts());
    expect(Object.keys(bundle?.counts ?? {}).sort()).toEqual(Object.keys(recordTables).sort());
    const seen = arrivals(world.corvana);
    expect(seen.size).toBe(bundle?.records);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect(world.pendingFiles()).toEqual([]);
    const received = receivedText(world.corvana);
    for (const value of world.forbidden) expect(received, value).not.toContain(value);
  });

  it("keeps the bundle pending when Corvana stays down, and the next sync sends the same bundle once", async () => {
    world = await startBundleWorld({ faults: { unavailable: 100 } });
    const failed = await world.sync();
    if (failed.upload.status !== "uploaded") throw new Error("expected an upload attempt");
    expect(failed.upload.failure).toMatchObject({ name: "CorvanaUnavailableError", exitCode: 4 });
    const [pending] = world.pendingFiles();
    expect(pending).toMatch(/^corvana-bundle-[0-9a-f-]{36}\.tar$/);
    const dir = world.config().paths.bundlesDir;
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(`${dir}/${pending}`).mode & 0o777).toBe(0o600);

    world.corvana.faults.unavailable = 0;
    const second = await world.sync();
    expect(second.upload).toMatchObject({ status: "uploaded", exported: 0, failure: undefined });
    expect([...world.corvana.bundles.keys()]).toEqual([pending?.slice("corvana-bundle-".length, -".tar".length)]);
    expect(world.pendingFiles()).toEqual([]);
    expect([...arrivals(world.corvana).values()].every((n) => n === 1)).toBe(true);
  });

  it("sends only what changed at the next sync, and nothing when nothing changed", async () => {
    world = await startBundleWorld();
    await world.sync();
    const again = await world.sync();
    expect(again.upload).toMatchObject({ status: "uploaded", delivered: [], exported: 0 });
    expect(world.corvana.bundles.size).toBe(1);
  });

  it("makes and sends nothing when not enrolled, and says how to enroll", async () => {
    world = await startBundleWorld({ enroll: false });
    const result = await world.sync();
    expect(result.upload).toMatchObject({ status: "not-enrolled", hint: expect.stringContaining("--enroll-only") });
    expect(world.pendingFiles()).toEqual([]);
    expect(world.corvana.uploads).toEqual([]);
  });

  it("skips the upload entirely with --no-upload", async () => {
    world = await startBundleWorld();
    expect((await world.sync({ upload: false })).upload).toEqual({ status: "skipped" });
    expect(world.pendingFiles()).toEqual([]);
    expect(world.corvana.uploads).toEqual([]);
  });

  it("says to enroll again when Corvana has revoked the collector, and keeps the bundle", async () => {
    world = await startBundleWorld();
    const collector = [...world.corvana.collectors.values()][0];
    if (collector === undefined) throw new Error("expected an enrolled collector");
    await createCollectorAdmin({
      baseUrl: world.corvana.url,
      ingestToken: collector.ingestToken,
      userAgentVersion: "t",
    }).deleteCollector(collector.id, { purge: false });
    const result = await world.sync();
    if (result.upload.status !== "uploaded") throw new Error("expected an upload attempt");
    expect(result.upload.failure).toMatchObject({ exitCode: 3, hint: expect.stringContaining("login --enroll-only") });
    expect(world.pendingFiles()).toHaveLength(1);
  });
});
