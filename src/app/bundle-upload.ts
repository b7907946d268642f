/**
 * `bundle upload FILE`: sends a bundle from this or any connected machine. The bundle is verified offline
 * first (a damaged file is never sent). The ingest token goes along only when this machine is the enrolled
 * collector that signed it; elsewhere the signature alone proves origin. When this machine's cache knows the
 * bundle, its bookkeeping is updated and a 413 is answered by re-exporting the same window in smaller parts.
 */
import fs from "node:fs";
import { openCredentialStore } from "../auth/open-credential-store.ts";
import { verifyBundleFile } from "../bundle/verify-bundle.ts";
import type { Config } from "../config/load-config.ts";
import { createBundleUploader, type UploadRetryPolicy } from "../corvana/upload-bundle.ts";
import { BadDataError, CliError } from "../errors.ts";
import type { Dispatcher } from "../net/http-dispatcher.ts";
import { openStore, type Store } from "../store/store.ts";
import { version } from "../version.ts";
import { type BundleIdentity, enrollmentFor, readBundleIdentity } from "./bundle-identity.ts";
import { type Delivered, type DeliveryDeps, deliverBundle, type UploadEvent } from "./upload-delivery.ts";

/** What `bundle upload` needs besides the file. */
export interface BundleUploadDeps {
  dispatcher?: Dispatcher;
  now?: () => Date;
  report?: (event: UploadEvent) => void;
  retry?: Partial<UploadRetryPolicy>;
}

/** What `bundle upload` did. */
export interface BundleUploadResult {
  bundleId: string;
  corvanaUrl: string;
  delivered: Delivered[];
  /** The ingest token was sent (this machine is the enrolled collector). */
  withToken: boolean;
  /** This machine's cache knew the bundle and now records it as accepted. */
  recorded: boolean;
}

/** Verifies and uploads one bundle file. */
export async function runBundleUpload(
  config: Config,
  file: string,
  deps: BundleUploadDeps = {},
): Promise<BundleUploadResult> {
  const verified = await verifyBundleFile(file);
  if (!verified.ok) {
    throw new BadDataError(`Will not upload ${file}: ${verified.problems.join("; ")}.`, {
      hint: "Export the bundle again on the collector host (`corvana-bb bundle export`).",
    });
  }
  const { manifest } = verified;
  const identity = await optionalIdentity(config);
  const collector = enrollmentFor(identity, config.corvanaUrl);
  const ours = collector !== undefined && collector.collectorId === manifest.collector.id;
  const store = fs.existsSync(config.paths.databaseFile) ? openStore(config.paths.databaseFile) : undefined;
  try {
    const known = store?.bundles.get(manifest.bundle_id) !== undefined;
    const now = deps.now ?? (() => new Date());
    const report = deps.report ?? (() => {});
    const delivery: DeliveryDeps = {
      uploader: createBundleUploader({
        baseUrl: config.corvanaUrl,
        ...(ours ? { ingestToken: collector.ingestToken } : {}),
        userAgentVersion: version,
        onRetry: (event) => report({ type: "retrying", ...event }),
        ...(deps.dispatcher === undefined ? {} : { dispatcher: deps.dispatcher }),
        ...(deps.retry === undefined ? {} : { retry: deps.retry }),
      }),
      now,
      report,
      ...localPart(store, identity, manifest.signer.fingerprint, config),
    };
    const delivered = await deliverBundle(delivery, { id: manifest.bundle_id, file, records: manifest.records });
    return { bundleId: manifest.bundle_id, corvanaUrl: config.corvanaUrl, delivered, withToken: ours, recorded: known };
  } finally {
    store?.close();
  }
}

function localPart(
  store: Store | undefined,
  identity: BundleIdentity | undefined,
  signerFingerprint: string,
  config: Config,
): Pick<DeliveryDeps, "local"> {
  // Only the key that signed a bundle can sign its parts: elsewhere a 413 ends with instructions.
  if (store === undefined || identity === undefined || identity.fingerprint !== signerFingerprint) return {};
  return { local: { store, signer: identity.signer, bundlesDir: config.paths.bundlesDir } };
}

/** On a machine without a usable credential store (another machine), there is simply no identity. */
async function optionalIdentity(config: Config): Promise<BundleIdentity | undefined> {
  try {
    return await readBundleIdentity(await openCredentialStore(config));
  } catch (error) {
    if (error instanceof CliError) return undefined;
    throw error;
  }
}
