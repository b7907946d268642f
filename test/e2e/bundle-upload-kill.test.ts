/**
 * A sync killed with SIGKILL while Corvana holds its upload: the next sync re-sends the same bundle (same id, same
 * bytes) and Corvana ends with exactly one copy of every record — whether the killed request had been stored or not.
 */
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { arrivals, type BundleWorld, startBundleWorld } from "../helpers/bundle-world.ts";
import { repoRoot, runCli, startCli } from "../helpers/run-cli.ts";

let world: BundleWorld;
afterEach(async () => {
  expect(world.corvana.server.unrecognised).toEqual([]);
  await world.close();
});

describe.each(["after-store", "before-store"] as const)("kill -9 during the upload (Corvana holds it %s)", (phase) => {
  it("the next sync completes the upload, and Corvana holds every record once", async () => {
    expect(fs.existsSync(path.join(repoRoot, "dist", "cli", "main.js")), "run `npm run build` first").toBe(true);
    world = await startBundleWorld({ repositories: 3, pullRequests: 15, faults: { hold: { count: 1, phase } } });
    const first = startCli(["sync"], world.env);
    await world.corvana.waitForHeld();
    first.child.kill("SIGKILL");
    const killed = await first.done;
    expect(killed.signal).toBe("SIGKILL");
    world.corvana.releaseHeld();
    const [pending] = world.pendingFiles();
    const heldId = pending?.slice("corvana-bundle-".length, -".tar".length);
    expect(heldId).toMatch(/^[0-9a-f-]{36}$/);

    const second = await runCli(["sync"], world.env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/Uploaded 1 bundle to Corvana/);
    expect([...world.corvana.bundles.keys()]).toEqual([heldId]);
    const statuses = world.corvana.uploads.map((u) => u.status);
    expect(statuses).toEqual(phase === "after-store" ? [201, 200] : [0, 201]);
    const seen = arrivals(world.corvana);
    expect([...seen.values()].filter((n) => n !== 1)).toEqual([]);
    expect(seen.size).toBe(Object.values(world.storeCounts()).reduce((a, b) => a + b, 0));
    expect(world.pendingFiles()).toEqual([]);
  });
});
