/**
 * `corvana-bb demo` — the whole flow against the built-in sandboxes on 127.0.0.1, no account needed: a login
 * through a scripted browser (OAuth consent, Corvana enrollment), `sync` (crawl, then a signed bundle uploaded to
 * the Corvana sandbox), `status`, and a `bundle inspect` of exactly what Corvana received. Everything lives in a
 * throwaway home directory that is removed at the end, also on Ctrl-C. Nothing leaves this machine.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { Command } from "commander";
import { runLogin } from "../../auth/login.ts";
import { openCredentialStore } from "../../auth/open-credential-store.ts";
import { loadConfig } from "../../config/load-config.ts";
import { CliError, ExitCode } from "../../errors.ts";
import { type RunningCorvanaSandbox, startCorvanaSandbox } from "../../sandbox/corvana/corvana-sandbox.ts";
import {
  type BitbucketSandbox,
  generateWorkspace,
  personalIdentifiers,
  startBitbucketSandbox,
} from "../../sandbox/index.ts";
import { type RunningOAuthSandbox, startOAuthSandbox } from "../../sandbox/oauth/oauth-sandbox.ts";
import { playBrowser } from "../../sandbox/oauth/scripted-browser.ts";
import type { CliIo } from "../io.ts";
import { run } from "../main.ts";
import { renderLoginResult } from "../render/login.ts";

interface DemoFlags {
  repositories: string;
  pullRequests: string;
  seed: string;
  keep?: boolean;
}

const ENROLLMENT_CODE = "DEMO-ENROLLMENT-CODE";
const STATES = ["OPEN", "MERGED", "DECLINED", "SUPERSEDED"] as const;

/** Registers `demo`. */
export function registerDemo(program: Command, io: CliIo): void {
  program
    .command("demo")
    .description("Run login, sync, upload and bundle inspect against built-in sandboxes on 127.0.0.1 (nothing leaves)")
    .option("--repositories <n>", "repositories in the generated workspace", "5")
    .option("--pull-requests <n>", "pull requests per repository", "40")
    .option("--seed <n>", "seed of the generated workspace", "7")
    .option("--keep", "keep the throwaway home directory and print where it is")
    .action(async (flags: DemoFlags) => {
      const say = (text: string) => io.stdout.write(text);
      const home = fs.mkdtempSync(path.join(os.tmpdir(), "corvana-bb-demo-"));
      const servers: Array<BitbucketSandbox | RunningOAuthSandbox | RunningCorvanaSandbox> = [];
      let interrupted: "SIGINT" | "SIGTERM" | undefined;
      const cleanUp = async () => {
        await Promise.allSettled(servers.map((server) => server.close()));
        if (flags.keep && interrupted === undefined) say(`\nKept ${home}\n`);
        else fs.rmSync(home, { recursive: true, force: true });
      };
      // Ctrl-C lets the step in flight end (seconds at most against the sandboxes), then stops and cleans up; a
      // second Ctrl-C falls through to the default handling.
      const removeSignal = io.onSignal((signal) => {
        interrupted = signal;
        io.stderr.write("Stopping the demo and removing what it made…\n");
      });
      try {
        say(`Throwaway home: ${home}\n`);
        const model = generateWorkspace({
          seed: Number(flags.seed),
          repositories: Number(flags.repositories),
          pullRequestsPerRepository: Number(flags.pullRequests),
          now: new Date(),
        });
        const bitbucket = await startBitbucketSandbox({ model, tokens: [] });
        servers.push(bitbucket);
        const port = await freePort();
        const secret = randomBytes(18).toString("base64url");
        const oauth = await startOAuthSandbox({
          consumers: [
            {
              key: "demo-consumer",
              secret,
              callbackUrl: `http://127.0.0.1:${port}/callback`,
              scopes: ["account", "repository", "pullrequest", "pipeline"],
            },
          ],
          // The REST sandbox accepts exactly the access tokens the OAuth sandbox issued, until they expire.
          onAccessToken: (token, expiresAt) => bitbucket.tokens.add(token, { expiresAt }),
        });
        servers.push(oauth);
        const people = personalIdentifiers(model);
        const corvana = await startCorvanaSandbox({
          enrollmentCodes: [ENROLLMENT_CODE],
          forbiddenValues: [...people.uuids, ...people.bareUuids],
        });
        servers.push(corvana);
        const env: NodeJS.ProcessEnv = {
          // The user's own CORVANA_BB_* settings (a token, a home) must not leak into the demo.
          ...Object.fromEntries(Object.entries(io.env).filter(([name]) => !name.startsWith("CORVANA_BB_"))),
          CORVANA_BB_HOME: home,
          CORVANA_BB_CREDENTIAL_STORE: "file",
          CORVANA_BB_BITBUCKET_API_URL: bitbucket.url,
          CORVANA_BB_BITBUCKET_OAUTH_URL: oauth.url,
          CORVANA_BB_CORVANA_URL: corvana.url,
          CORVANA_BB_CALLBACK_PORT: String(port),
          CORVANA_BB_CLIENT_ID: "demo-consumer",
          CORVANA_BB_CLIENT_SECRET: secret,
        };
        const slug = model.workspace.slug;
        say(`Sandbox Bitbucket on ${bitbucket.url}: workspace "${slug}" `);
        say(
          `(${flags.repositories} repositories × ${flags.pullRequests} pull requests); sandbox Corvana on ${corvana.url}.\n`,
        );

        say(`\n$ corvana-bb login --workspace ${slug} --enrollment-code ${ENROLLMENT_CODE}\n`);
        say("  (a scripted browser opens the consent page and approves)\n");
        const config = loadConfig({ ...env, CORVANA_BB_WORKSPACE: slug });
        const login = await runLogin({
          config,
          store: await openCredentialStore(config),
          mode: "browser",
          timeoutMs: 30_000,
          rotateKey: false,
          enrollmentCode: ENROLLMENT_CODE,
          openBrowser: (url) => playBrowser(url).then(() => {}),
          onSignal: (handler) => io.onSignal(handler),
          report: () => {},
        });
        if (interrupted !== undefined) throw new CliError("The demo was interrupted.", exitOf(interrupted));
        say(renderLoginResult(login));

        const cli = async (args: string[]) => {
          say(`\n$ corvana-bb ${args.join(" ")}\n`);
          const code = await run(["node", "corvana-bb", ...args], { ...io, env });
          if (interrupted !== undefined) throw new CliError("The demo was interrupted.", exitOf(interrupted));
          if (code !== ExitCode.ok)
            throw new CliError(`The demo's \`${args.join(" ")}\` failed (exit code ${code}).`, ExitCode.bug);
        };
        await cli(["sync"]);
        await cli(["status"]);

        const received = [...corvana.bundles.values()];
        const copy = path.join(home, "received-by-corvana.tar");
        const last = received.at(-1);
        if (last === undefined) throw new CliError("Corvana received no bundle.", ExitCode.bug);
        fs.writeFileSync(copy, last.body, { mode: 0o600 });
        say("\n# What Corvana received, inspected from its own copy:");
        await cli(["bundle", "inspect", copy]);

        const records = corvana.records().map((r) => r.record);
        const byState = STATES.map((state) => {
          const n = records.filter((r) => r.type === "pull_request" && r.state === state).length;
          return `${state} ${n}`;
        });
        say(
          `\nCorvana accepted ${received.length} bundle(s), ${records.length} records: pull requests ${byState.join(", ")}.\n`,
        );
        say("Nothing else left this machine; the throwaway home and the sandboxes are removed now.\n");
      } catch (error) {
        if (interrupted !== undefined)
          throw new CliError("The demo was interrupted; everything it made is removed.", exitOf(interrupted));
        throw error;
      } finally {
        removeSignal();
        await cleanUp();
      }
    });
}

function exitOf(signal: "SIGINT" | "SIGTERM"): ExitCode {
  return signal === "SIGINT" ? ExitCode.interrupted : ExitCode.terminated;
}

/** A port that was free a moment ago, for the login's loopback callback. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen({ host: "127.0.0.1", port: 0 }, () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
