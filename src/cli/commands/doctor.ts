/**
 * `corvana-bb doctor` — checks what an unattended sync depends on (credential backend, consumer, network
 * through the proxy, CA certificates, clock, scopes, file permissions) and prints a fix for each failure.
 * Exits non-zero when a check fails: 3 for the login, 4 for the network, 2 for the configuration.
 */
import type { Command } from "commander";
import { runDoctor } from "../../app/doctor.ts";
import { loadConfig } from "../../config/load-config.ts";
import { CliError } from "../../errors.ts";
import { createHttpDispatcher } from "../../net/http-dispatcher.ts";
import { type CliIo, useColour } from "../io.ts";
import { renderDoctor, renderDoctorJson } from "../render/doctor.ts";

interface DoctorFlags {
  workspace?: string;
  credentialStore?: string;
  json?: boolean;
}

/** Registers `doctor`. */
export function registerDoctor(program: Command, io: CliIo): void {
  program
    .command("doctor")
    .description("Check credentials, network (proxy, CA certificates), clock, scopes and file permissions, with fixes")
    .option("--workspace <slug>", "the Bitbucket workspace (default: CORVANA_BB_WORKSPACE or config)")
    .option("--credential-store <kind>", "where credentials are kept: keychain (default) or file")
    .option("--json", "print JSON for scripts")
    .action(async (flags: DoctorFlags) => {
      const config = loadConfig(io.env, { workspace: flags.workspace, credentialStore: flags.credentialStore });
      const http = createHttpDispatcher(io.env);
      const report = await runDoctor(config, { env: io.env, dispatcher: http.dispatcher, proxy: http.proxy }).finally(
        () => http.close(),
      );
      io.stdout.write(flags.json ? renderDoctorJson(report) : renderDoctor(report, useColour(io)));
      const failed = report.checks.filter((c) => c.status === "fail");
      if (failed.length > 0) {
        throw new CliError(
          `${failed.length} check${failed.length === 1 ? "" : "s"} failed: ${failed.map((c) => c.title).join(", ")}.`,
          report.exitCode,
          { hint: "Apply the fixes shown above, then run `corvana-bb doctor` again." },
        );
      }
    });
}
