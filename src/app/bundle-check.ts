/**
 * `bundle verify` and `bundle inspect`: offline, with no credentials and no cache — they work on any machine.
 * `--public-key` names the key the bundle must be signed with (a PEM file, as `login` enrolled it).
 */
import fs from "node:fs";
import { type InspectReport, inspectBundleFile } from "../bundle/inspect-bundle.ts";
import { type VerifyReport, verifyBundleFile } from "../bundle/verify-bundle.ts";
import { UsageError } from "../errors.ts";

/** Verifies a bundle's structure, signature and digest. */
export async function runBundleVerify(file: string, options: { publicKeyFile?: string } = {}): Promise<VerifyReport> {
  return verifyBundleFile(file, readPublicKey(options.publicKeyFile));
}

/** Inspects a bundle: counts, fields, samples, allowlist, signer. */
export async function runBundleInspect(
  file: string,
  options: { publicKeyFile?: string; samples?: number } = {},
): Promise<InspectReport> {
  const expectedPublicKeyPem = readPublicKey(options.publicKeyFile);
  return inspectBundleFile(file, {
    ...(options.samples === undefined ? {} : { samples: options.samples }),
    ...(expectedPublicKeyPem === undefined ? {} : { expectedPublicKeyPem }),
  });
}

function readPublicKey(file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(
      `Cannot read the public key ${file} (${(error as NodeJS.ErrnoException).code ?? "unreadable"}).`,
    );
  }
}
