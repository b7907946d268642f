/**
 * docs/bundle-format.md promises that a bundle can be verified with tar, sha256sum, openssl and a 15-line script
 * of one's own, and docs/ingest-api.md lists the record fields Corvana accepts. Both are run or compared here, so
 * the documents cannot drift from what the code writes and checks.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBundleExport } from "../../src/app/bundle-export.ts";
import { createFileCredentialStore } from "../../src/auth/file-credential-store.ts";
import { keyFingerprint, loadSigningKey } from "../../src/auth/signing-key.ts";
import { recordTypes } from "../../src/bundle/record-types.ts";
import { allowedFields } from "../../src/sandbox/corvana/allowed-fields.ts";
import { type BundleWorld, startBundleWorld } from "../helpers/bundle-world.ts";
import { repoRoot } from "../helpers/run-cli.ts";

const doc = (name: string) => fs.readFileSync(path.join(repoRoot, "docs", name), "utf8");
const tools = ["tar", "sha256sum", "openssl", "python3"].filter((tool) => spawnSync("which", [tool]).status !== 0);

let world: BundleWorld;
let bundle: string;
let dir: string;
beforeAll(async () => {
  world = await startBundleWorld({ repositories: 2, pullRequests: 6 });
  await world.sync({ upload: false });
  bundle = path.join(world.home, "carried.tar");
  await runBundleExport(world.config(), { all: true, out: bundle });
  dir = path.join(world.home, "b");
  fs.mkdirSync(dir);
});
afterAll(() => world.close());

const sh = (command: string, args: string[]) => execFileSync(command, args, { cwd: dir, encoding: "utf8" });

describe.skipIf(tools.length > 0)(
  `docs/bundle-format.md with standard tools (missing: ${tools.join(", ") || "none"})`,
  () => {
    it("lists exactly the three entries with tar and extracts them", () => {
      const names = sh("tar", ["-tf", bundle]).trim().split("\n");
      expect(names).toEqual(["manifest.json", "manifest.sig", "records.ndjson.gz"]);
      sh("tar", ["-xf", bundle, "-C", dir]);
      expect(fs.statSync(path.join(dir, "manifest.sig")).size).toBe(64);
    });

    it("shows with sha256sum the digest the manifest names", () => {
      const digest = sh("sha256sum", ["records.ndjson.gz"]).split(" ")[0];
      expect(sh("grep", ['"sha256"', "manifest.json"])).toContain(`"sha256": "${digest}"`);
    });

    it("verifies the signature with openssl pkeyutl -rawin, and the fingerprint is the one login prints", async () => {
      const pem = sh("python3", [
        "-c",
        'import json; print(json.load(open("manifest.json"))["signer"]["public_key"], end="")',
      ]);
      fs.writeFileSync(path.join(dir, "signer.pem"), pem);
      const verified = sh("openssl", [
        "pkeyutl",
        "-verify",
        "-pubin",
        "-inkey",
        "signer.pem",
        "-rawin",
        "-in",
        "manifest.json",
        "-sigfile",
        "manifest.sig",
      ]);
      expect(verified).toContain("Signature Verified Successfully");
      const der = execFileSync("openssl", ["pkey", "-pubin", "-in", "signer.pem", "-outform", "DER"], { cwd: dir });
      const fingerprint = execFileSync("sha256sum", { input: der, encoding: "utf8" }).slice(0, 16);
      const key = await loadSigningKey(createFileCredentialStore(world.config().paths.credentialsFile));
      expect(fingerprint).toBe(keyFingerprint(key?.publicKeyPem ?? ""));
    });

    it("runs the documented 15-line verifier: 0 for the bundle, 1 once a record byte changes", () => {
      const script =
        doc("bundle-format.md")
          .split("### A 15-line verifier")[1]
          ?.match(/```js\n([\s\S]*?)```/)?.[1] ?? "";
      expect(script.trim().split("\n")).toHaveLength(15);
      const file = path.join(dir, "verify-bundle.mjs");
      fs.writeFileSync(file, script);
      const ok = spawnSync(process.execPath, [file, dir], { encoding: "utf8" });
      expect(ok.status, ok.stderr).toBe(0);
      expect(ok.stdout).toContain("countsMatch: true");
      const records = path.join(dir, "records.ndjson.gz");
      const bytes = fs.readFileSync(records);
      bytes[bytes.length - 5] = (bytes[bytes.length - 5] ?? 0) ^ 1;
      fs.writeFileSync(records, bytes);
      expect(spawnSync(process.execPath, [file, dir]).status).toBe(1);
    });
  },
);

describe("docs/ingest-api.md › Record types", () => {
  const table = Object.fromEntries(
    [
      ...(doc("ingest-api.md").split("### Record types")[1]?.split("###")[0] ?? "").matchAll(
        /^\| `([a-z_]+)` \| (.+) \|$/gm,
      ),
    ].map((m) => [m[1], [...(m[2] ?? "").matchAll(/`([a-z_]+)`/g)].map((f) => f[1])]),
  );

  it("is the product's allowlist, type by type and field by field", () => {
    expect(table).toEqual(Object.fromEntries(recordTypes.map((type) => [type.name, [...type.fieldNames]])));
  });

  it("is the Corvana sandbox's own copy", () => {
    expect(table).toEqual(allowedFields);
  });
});
