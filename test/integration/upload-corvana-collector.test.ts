/**
 * The Corvana side of a collector after uploads (docs/ingest-api.md › GET and DELETE /v1/collectors/{id}), through
 * the product's collector-administration client against the sandbox.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runBundleExport } from "../../src/app/bundle-export.ts";
import { createCollectorAdmin } from "../../src/corvana/collector-admin.ts";
import type { SandboxCollector } from "../../src/sandbox/corvana/corvana-sandbox.ts";
import { type BundleWorld, startBundleWorld } from "../helpers/bundle-world.ts";

let world: BundleWorld;
let collector: SandboxCollector;
beforeEach(async () => {
  world = await startBundleWorld({ repositories: 2, pullRequests: 5 });
  const enrolled = [...world.corvana.collectors.values()][0];
  if (enrolled === undefined) throw new Error("expected an enrolled collector");
  collector = enrolled;
});
afterEach(async () => {
  expect(world.corvana.server.unrecognised).toEqual([]);
  await world.close();
});

const admin = (token = collector.ingestToken) =>
  createCollectorAdmin({ baseUrl: world.corvana.url, ingestToken: token, userAgentVersion: "test" });

describe("Corvana's view of a collector", () => {
  it("counts the accepted bundles and their records", async () => {
    expect(await admin().getCollector(collector.id)).toEqual({
      found: true,
      status: "active",
      lastBundleAt: null,
      bundles: 0,
      records: 0,
    });
    await world.sync();
    await world.sync();
    const records = Object.values(world.storeCounts()).reduce((a, b) => a + b, 0);
    expect(await admin().getCollector(collector.id)).toMatchObject({
      status: "active",
      lastBundleAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      bundles: 1,
      records,
    });
  });

  it("refuses another token (401) and does not know other ids (404)", async () => {
    await expect(admin("not-the-token").getCollector(collector.id)).rejects.toMatchObject({ exitCode: 2 });
    expect(await admin().getCollector("col_unknown")).toEqual({ found: false });
  });

  it("purges on DELETE ?purge=true with a receipt due within 24 hours, then refuses uploads (403)", async () => {
    await world.sync();
    const before = Date.now();
    const deletion = await admin().deleteCollector(collector.id, { purge: true });
    if (deletion.outcome !== "purge-accepted") throw new Error(`unexpected ${deletion.outcome}`);
    expect(Date.parse(deletion.completeBy) - before).toBeLessThanOrEqual(24 * 60 * 60 * 1000 + 1000);
    expect(world.corvana.deletions).toMatchObject([{ deletionId: deletion.deletionId, collectorId: collector.id }]);
    expect(world.corvana.records()).toEqual([]);
    expect(world.corvana.bundles.size).toBe(0);
    expect(await admin().getCollector(collector.id)).toMatchObject({ status: "purged", bundles: 0, records: 0 });
    expect(await admin().deleteCollector(collector.id, { purge: true })).toEqual(deletion);

    // Everything again, as a pending bundle: the next sync tries to send it.
    await runBundleExport(world.config(), { all: true });
    const again = await world.sync();
    if (again.upload.status !== "uploaded") throw new Error("expected an upload attempt");
    expect(again.upload.failure).toMatchObject({ name: "CollectorNotAuthorizedError", exitCode: 3 });
    expect(world.corvana.uploads.at(-1)).toMatchObject({ status: 403, error: "collector_revoked" });
    expect(world.pendingFiles()).toHaveLength(1);
  });
});
