/**
 * A bundle larger than Corvana accepts (413): on the collector host the same window is re-exported as smaller
 * parts and each is delivered once; from another machine, the message says how to re-export it smaller.
 */
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runBundleExport } from "../../src/app/bundle-export.ts";
import { runBundleUpload } from "../../src/app/bundle-upload.ts";
import { openStore } from "../../src/store/store.ts";
import { arrivals, type BundleWorld, fastRetry, startBundleWorld } from "../helpers/bundle-world.ts";

let world: BundleWorld;
afterEach(async () => {
  expect(world.corvana.server.unrecognised).toEqual([]);
  await world.close();
});

const everyRecordOnce = (w: BundleWorld) => {
  const seen = arrivals(w.corvana);
  const expected = Object.values(w.storeCounts()).reduce((a, b) => a + b, 0);
  expect(seen.size).toBe(expected);
  expect([...seen.values()].filter((n) => n !== 1)).toEqual([]);
};

describe("413 Payload Too Large", () => {
  it("splits on the collector host and still delivers every record exactly once", async () => {
    world = await startBundleWorld({ repositories: 4, pullRequests: 30, faults: { maxBundleBytes: 6_000 } });
    const result = await world.sync();
    if (result.upload.status !== "uploaded") throw new Error("expected an upload");
    expect(result.upload.failure).toBeUndefined();
    const statuses = world.corvana.uploads.map((u) => u.status);
    expect(statuses[0]).toBe(413);
    expect(statuses.filter((s) => s === 201).length).toBe(world.corvana.bundles.size);
    expect(world.corvana.bundles.size).toBeGreaterThan(1);
    everyRecordOnce(world);
    expect(world.pendingFiles()).toEqual([]);

    const cache = openStore(world.config().paths.databaseFile);
    const totals = cache.bundles.totals();
    cache.close();
    expect(totals.byStatus).toMatchObject({
      superseded: expect.any(Number),
      accepted: world.corvana.bundles.size,
      pending: 0,
    });
    expect(totals.byStatus.superseded).toBeGreaterThanOrEqual(1);
  });

  it("from another machine, says how to re-export smaller; the parts carried back are delivered once", async () => {
    world = await startBundleWorld({ repositories: 6, pullRequests: 40, faults: { maxBundleBytes: 9_000 } });
    await world.sync({ upload: false });
    const carried = path.join(world.home, "carried.tar");
    await runBundleExport(world.config(), { out: carried });
    const other = world.otherMachine();
    const refused = runBundleUpload(other.config, carried, { retry: fastRetry });
    await expect(refused).rejects.toMatchObject({
      exitCode: 2,
      hint: expect.stringMatching(/bundle export --split <this bundle file> --max-records \d+/),
    });
    const hint = ((await refused.catch((e: unknown) => e)) as { hint: string }).hint;
    const max = Number(hint.match(/--max-records (\d+)/)?.[1]);

    // Back on the collector host, with its copy of the file.
    const partsDir = path.join(world.home, "parts");
    fs.mkdirSync(partsDir);
    const parts = await runBundleExport(world.config(), { split: carried, maxRecords: max, out: partsDir });
    if (parts.status !== "exported") throw new Error("expected parts");
    expect(parts.bundles.length).toBeGreaterThan(1);
    for (const part of parts.bundles) {
      const sent = await runBundleUpload(other.config, part.file, { retry: fastRetry });
      expect(sent).toMatchObject({ withToken: false, recorded: false });
    }
    everyRecordOnce(world);
    expect(world.corvana.uploads.filter((u) => u.status === 201).every((u) => !u.withToken)).toBe(true);
  });
});
