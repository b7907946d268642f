/**
 * `corvana-bb status` — at a glance: the connection (Bitbucket credentials, Corvana enrollment, pending
 * bundles, a running sync) and the cache (recent runs, per-repository counts). Local files only, so it
 * answers fast and offline; `--remote` also asks Corvana for its view of the collector. Exits 3 when a
 * login is needed (2 when the credential store cannot be opened), so monitoring can alert on it.
 */
import type { Command } from "commander";
import { readConnectionStatus } from "../../app/connection-status.ts";
import { loadConfig } from "../../config/load-config.ts";
import { CliError, ExitCode, LoginRequiredError } from "../../errors.ts";
import { createHttpDispatcher } from "../../net/http-dispatcher.ts";
import { readStatus, type Status } from "../../status/read-status.ts";
import { type CliIo, useColour } from "../io.ts";
import { renderConnection } from "../render/connection.ts";
import { renderStatus } from "../render/status.ts";

interface StatusFlags {
  workspace?: string;
  json?: boolean;
  remote?: boolean;
  credentialStore?: string;
}

/** Registers `status`. */
export function registerStatus(program: Command, io: CliIo): void {
  program
    .command("status")
    .description("Show the connection, the last sync runs and what the local cache holds (no network unless --remote)")
    .option("--workspace <slug>", "the Bitbucket workspace (default: CORVANA_BB_WORKSPACE or config)")
    .option("--credential-store <kind>", "where credentials are kept: keychain (default) or file")
    .option("--remote", "also ask Corvana for its view of this collector (one request, 5 s at most)")
    .option("--json", "print JSON for scripts")
    .action(async (flags: StatusFlags) => {
      const config = loadConfig(io.env, { workspace: flags.workspace, credentialStore: flags.credentialStore });
      const cache: Status | undefined = config.workspace === undefined ? undefined : readStatus(config);
      const newest = cache?.runs.find((run) => run.finishedAt !== null);
      const http = flags.remote ? createHttpDispatcher(io.env) : undefined;
      const connection = await readConnectionStatus(config, {
        remote: flags.remote === true,
        ...(http === undefined ? {} : { dispatcher: http.dispatcher }),
        lastAcceptedBundle: () => cache?.lastAcceptedBundle ?? undefined,
        ...(newest === undefined
          ? {}
          : { lastRun: { finishedAt: newest.finishedAt, exitCode: newest.exitCode, message: newest.message } }),
      }).finally(() => http?.close());

      if (flags.json) {
        io.stdout.write(`${JSON.stringify({ ...(cache ?? { workspace: null }), ...connection }, null, 2)}\n`);
      } else {
        const colour = useColour(io);
        io.stdout.write(renderConnection(connection, colour));
        if (cache !== undefined) io.stdout.write(`\n${renderStatus(cache, colour)}`);
      }
      if (connection.exitCode === ExitCode.loginRequired) {
        const problem = (connection.bitbucket.problem ?? "no usable credentials").replace(/\.$/, "");
        throw new LoginRequiredError(`Bitbucket needs a login: ${problem}.`, {
          ...(connection.bitbucket.hint === null ? {} : { hint: connection.bitbucket.hint }),
        });
      }
      if (connection.exitCode === ExitCode.usage) {
        throw new CliError(connection.bitbucket.problem ?? "The credential store cannot be used.", ExitCode.usage, {
          ...(connection.bitbucket.hint === null ? {} : { hint: connection.bitbucket.hint }),
        });
      }
    });
}
