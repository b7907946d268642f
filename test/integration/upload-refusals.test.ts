/**
 * What Corvana (the sandbox, an independent implementation of docs/ingest-api.md) refuses, and how the
 * collector reports it: any changed byte, a different bundle under a known id, content that must never
 * arrive, a signer nobody enrolled. A refused bundle is kept on disk.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { request } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runBundleExport } from "../../src/app/bundle-export.ts";
import { runBundleUpload } from "../../src/app/bundle-upload.ts";
import { createFileCredentialStore } from "../../src/auth/file-credential-store.ts";
import { loadSigningKey } from "../../src/auth/signing-key.ts";
import { repositoryRecord } from "../../src/bundle/record-types/repository.ts";
import type { BundleSigner } from "../../src/bundle/signer.ts";
import { testSigner } from "../../src/bundle/test-support/seed-store.ts";
import { verifyBundleFile } from "../../src/bundle/verify-bundle.ts";
import { writeBundles } from "../../src/bundle/write-bundle.ts";
import { type BundleWorld, fastRetry, startBundleWorld } from "../helpers/bundle-world.ts";

let world: BundleWorld;
beforeEach(async () => {
  world = await startBundleWorld({ repositories: 1, pullRequests: 2 });
  await world.sync({ upload: false });
});
afterEach(async () => {
  expect(world.corvana.server.unrecognised).toEqual([]);
  await world.close();
});

async function exported(name: string): Promise<string> {
  const file = path.join(world.home, name);
  await runBundleExport(world.config(), { all: true, out: file });
  return file;
}

const post = async (body: Buffer, id: string) => {
  const response = await request(`${world.corvana.url}/v1/bundles`, {
    method: "POST",
    headers: { "content-type": "application/x-tar", "idempotency-key": id },
    body,
  });
  return { status: response.statusCode, body: (await response.body.json()) as { error?: string } };
};

/** A bundle with one repository record whose fields are given, signed by `signer` (not recorded locally). */
async function handMade(
  fields: Record<string, unknown>,
  options: { signer?: BundleSigner; collectorId?: string | null; id?: string } = {},
): Promise<string> {
  const [written] = await writeBundles({
    dir: world.home,
    sources: [{ type: repositoryRecord, rows: [fields] }],
    header: {
      collectorId: options.collectorId ?? null,
      collectorVersion: "test",
      source: "bitbucket-cloud",
      workspace: "ws",
      window: { scope: "all", after_run: 0, through_run: 1, after: null, through: null },
    },
    signer: options.signer ?? testSigner(),
    maxRecords: 10,
    ...(options.id === undefined ? {} : { newId: () => options.id as string }),
  });
  if (written === undefined) throw new Error("expected a bundle");
  const file = path.join(world.home, `hand-made-${randomUUID()}.tar`);
  fs.renameSync(written.temporaryFile, file);
  return file;
}

const repository = {
  uuid: "{00000000-0000-4000-8000-000000000001}",
  slug: "repo-1",
  project_key: "PRJ",
  project_uuid: null,
  is_private: 1,
  created_on: "2026-01-01T00:00:00.000Z",
  updated_on: "2026-01-02T00:00:00.000Z",
  main_branch_category: "main",
  language: "go",
  size: 10,
};

const enrolledKey = async () => {
  const key = await loadSigningKey(createFileCredentialStore(world.config().paths.credentialsFile));
  if (key === undefined) throw new Error("expected a signing key");
  return key;
};

describe("Corvana refuses", () => {
  it("a bundle with any single byte changed (422), and stores nothing", async () => {
    const file = await exported("flip.tar");
    const id = (await verifyBundleFile(file)).bundleId;
    const bytes = fs.readFileSync(file);
    const accepted: number[] = [];
    for (let offset = 0; offset < bytes.length; offset++) {
      const copy = Buffer.from(bytes);
      copy[offset] = (copy[offset] ?? 0) ^ 0x20;
      const answer = await post(copy, id);
      if (answer.status !== 422) accepted.push(offset);
    }
    expect(accepted).toEqual([]);
    expect(world.corvana.bundles.size).toBe(0);
    expect((await post(bytes, id)).status).toBe(201);
  });

  it("a different bundle under an id it already holds (409): the message is clear and the file is kept", async () => {
    const enrolled = { signer: await enrolledKey(), collectorId: [...world.corvana.collectors.keys()][0] ?? null };
    const id = randomUUID();
    const first = await handMade(repository, { ...enrolled, id });
    expect((await runBundleUpload(world.config(), first, { retry: fastRetry })).delivered).toHaveLength(1);
    expect((await runBundleUpload(world.config(), first, { retry: fastRetry })).delivered[0]?.replay).toBe(true);
    const other = await handMade({ ...repository, size: 11 }, { ...enrolled, id });
    const attempt = runBundleUpload(world.config(), other, { retry: fastRetry });
    await expect(attempt).rejects.toMatchObject({ name: "BundleConflictError", exitCode: 8 });
    await expect(attempt).rejects.toThrow(`Corvana already holds a different bundle with id ${id}`);
    expect(fs.existsSync(other)).toBe(true);
    expect(world.corvana.bundles.get(id)?.counts).toEqual({ repository: 1 });
  });

  it("a bundle carrying the canary marker or a raw account uuid (422 content_detected)", async () => {
    const enrolled = { signer: await enrolledKey(), collectorId: [...world.corvana.collectors.keys()][0] ?? null };
    const file = await handMade({ ...repository, language: "CNRY lang" }, enrolled);
    const attempt = runBundleUpload(world.config(), file, { retry: fastRetry });
    await expect(attempt).rejects.toMatchObject({
      name: "BundleRejectedError",
      reason: "content_detected",
      exitCode: 8,
    });
    expect(fs.existsSync(file)).toBe(true);
    expect(world.corvana.bundles.size).toBe(0);
  });

  it("a pending bundle it refuses is set aside in rejected/, and its records go out again in a new bundle", async () => {
    world.corvana.faults.unavailable = 0;
    const collector = [...world.corvana.collectors.values()][0];
    if (collector === undefined) throw new Error("expected a collector");
    const enrolledKey = collector.publicKeyPem;
    collector.publicKeyPem = testSigner().publicKeyPem;
    const refused = await world.sync();
    if (refused.upload.status !== "uploaded") throw new Error("expected an upload attempt");
    expect(refused.upload.failure).toMatchObject({ reason: "invalid_signature", exitCode: 8 });
    expect(refused.upload.failure?.hint).toContain(`${world.config().paths.bundlesDir}/rejected/corvana-bundle-`);
    expect(world.pendingFiles()).toEqual(["rejected"]);
    expect(fs.readdirSync(path.join(world.config().paths.bundlesDir, "rejected"))).toHaveLength(1);

    collector.publicKeyPem = enrolledKey;
    const retried = await world.sync();
    expect(retried.upload).toMatchObject({ status: "uploaded", exported: 1, failure: undefined });
    expect(world.corvana.bundles.size).toBe(1);
  });

  it("a bundle signed by a key nobody enrolled (422 unknown_collector)", async () => {
    const file = await handMade(repository);
    await expect(runBundleUpload(world.config(), file, { retry: fastRetry })).rejects.toMatchObject({
      reason: "unknown_collector",
    });
  });
});
