/**
 * `corvana-bb bundle export|inspect|verify|upload` — the air-gapped path and the audit path (DESIGN §5).
 * inspect and verify need no credentials, no cache and no network; verify exits 8 on any tampering.
 */
import type { Command } from "commander";
import { runBundleInspect, runBundleVerify } from "../../app/bundle-check.ts";
import { runBundleExport } from "../../app/bundle-export.ts";
import { runBundleUpload } from "../../app/bundle-upload.ts";
import { loadConfig } from "../../config/load-config.ts";
import { BadDataError, UsageError } from "../../errors.ts";
import { createHttpDispatcher } from "../../net/http-dispatcher.ts";
import type { CliIo } from "../io.ts";
import { loggerFor } from "../log.ts";
import { describeUploadEvent, renderExport, renderInspect, renderUpload, renderVerify } from "./bundle-render.ts";

interface ExportFlags {
  out?: string;
  all?: boolean;
  maxRecords?: string;
  split?: string;
  workspace?: string;
  credentialStore?: string;
  json?: boolean;
}

/** Registers `bundle` and its subcommands. */
export function registerBundle(program: Command, io: CliIo): void {
  const bundle = program
    .command("bundle")
    .description("Export, inspect, verify and upload signed bundles (the air-gapped and audit path)");

  bundle
    .command("export")
    .description("Write the changes since the last bundle (or everything) as a signed bundle file")
    .option("--out <file|dir>", "write here to carry it (default: the pending-bundles directory, uploaded by sync)")
    .option("--all", "everything in the cache, not only the changes since the last bundle")
    .option("--max-records <n>", "at most this many records per bundle; more make several files (default 250000)")
    .option("--split <bundle-id>", "re-export the window of this bundle in smaller parts (after Corvana answered 413)")
    .option("--workspace <slug>", "the Bitbucket workspace (default: CORVANA_BB_WORKSPACE or config)")
    .option("--credential-store <kind>", "where the signing key is kept: keychain (default) or file")
    .option("--json", "print the result as JSON")
    .action(async (flags: ExportFlags) => {
      const config = loadConfig(io.env, { workspace: flags.workspace, credentialStore: flags.credentialStore });
      const maxRecords = positive("--max-records", flags.maxRecords);
      const result = await runBundleExport(config, {
        all: flags.all === true,
        ...(flags.out === undefined ? {} : { out: flags.out }),
        ...(maxRecords === undefined ? {} : { maxRecords }),
        ...(flags.split === undefined ? {} : { split: flags.split }),
      });
      io.stdout.write(flags.json ? `${JSON.stringify(result)}\n` : renderExport(result));
    });

  bundle
    .command("inspect")
    .description("Show what a bundle holds: counts, fields, samples, signer, allowlist check (offline)")
    .argument("<file>", "the bundle")
    .option("--public-key <pem-file>", "the key it must be signed with")
    .option("--samples <n>", "sample records per type (default 2)")
    .option("--json", "print the report as JSON")
    .action(async (file: string, flags: { publicKey?: string; samples?: string; json?: boolean }) => {
      const samples = flags.samples === undefined ? undefined : nonNegative("--samples", flags.samples);
      const report = await runBundleInspect(file, {
        ...(flags.publicKey === undefined ? {} : { publicKeyFile: flags.publicKey }),
        ...(samples === undefined ? {} : { samples }),
      });
      io.stdout.write(flags.json ? `${JSON.stringify(report)}\n` : renderInspect(report));
      if (!report.verification.ok || !report.allowlist.ok) {
        throw new BadDataError(
          report.verification.ok ? "The bundle holds data outside the allowlist." : "The bundle failed verification.",
        );
      }
    });

  bundle
    .command("verify")
    .description("Check a bundle's signature and digest offline; exits 8 on any change")
    .argument("<file>", "the bundle")
    .option("--public-key <pem-file>", "the key it must be signed with (proves origin, not only integrity)")
    .option("--json", "print the report as JSON")
    .action(async (file: string, flags: { publicKey?: string; json?: boolean }) => {
      const report = await runBundleVerify(
        file,
        flags.publicKey === undefined ? {} : { publicKeyFile: flags.publicKey },
      );
      io.stdout.write(flags.json ? `${JSON.stringify(report)}\n` : renderVerify(report));
      if (!report.ok) throw new BadDataError(`Bundle ${report.bundleId} failed verification.`);
    });

  bundle
    .command("upload")
    .description("Send a bundle file to Corvana (from any connected machine: the signature proves origin)")
    .argument("<file>", "the bundle")
    .option("--credential-store <kind>", "where credentials are kept, if any: keychain (default) or file")
    .option("--json", "print the result as JSON")
    .action(async (file: string, flags: { credentialStore?: string; json?: boolean }, command: Command) => {
      const config = loadConfig(io.env, { credentialStore: flags.credentialStore });
      const log = loggerFor(command, io);
      const http = createHttpDispatcher(io.env);
      try {
        const result = await runBundleUpload(config, file, {
          dispatcher: http.dispatcher,
          report: (event) => {
            if (!flags.json) log.info(describeUploadEvent(event));
          },
        });
        io.stdout.write(flags.json ? `${JSON.stringify(result)}\n` : renderUpload(result));
      } finally {
        await http.close();
      }
    });
}

function positive(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} must be a positive whole number, got "${value}".`);
  return n;
}

function nonNegative(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} must be a whole number, got "${value}".`);
  return n;
}
