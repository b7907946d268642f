/**
 * `corvana-bb demo` — the whole flow against the built-in sandbox, no account needed: starts a loopback
 * Bitbucket, runs `sync` and `status` in a throwaway home directory, prints what a user would see, and
 * removes everything it created.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Command } from "commander";
import { generateWorkspace, startBitbucketSandbox } from "../../sandbox/index.ts";
import type { CliIo } from "../io.ts";
import { run } from "../main.ts";

interface DemoFlags {
  repositories: string;
  pullRequests: string;
  seed: string;
  keep?: boolean;
}

/** Registers `demo`. */
export function registerDemo(program: Command, io: CliIo): void {
  program
    .command("demo")
    .description(
      "Run login-free sync and status against a built-in sandbox Bitbucket on 127.0.0.1 (nothing leaves this machine)",
    )
    .option("--repositories <n>", "repositories in the generated workspace", "5")
    .option("--pull-requests <n>", "pull requests per repository", "40")
    .option("--seed <n>", "seed of the generated workspace", "7")
    .option("--keep", "keep the throwaway home directory and print where it is")
    .action(async (flags: DemoFlags) => {
      const model = generateWorkspace({
        seed: Number(flags.seed),
        repositories: Number(flags.repositories),
        pullRequestsPerRepository: Number(flags.pullRequests),
        now: new Date(),
      });
      const sandbox = await startBitbucketSandbox({ model, tokens: ["demo-token"] });
      const home = fs.mkdtempSync(path.join(os.tmpdir(), "corvana-bb-demo-"));
      const env: NodeJS.ProcessEnv = {
        ...io.env,
        CORVANA_BB_HOME: home,
        CORVANA_BB_BITBUCKET_API_URL: sandbox.url,
        CORVANA_BB_TOKEN: "demo-token",
        CORVANA_BB_WORKSPACE: model.workspace.slug,
        CORVANA_BB_CREDENTIAL_STORE: "file",
      };
      const say = (text: string) => io.stdout.write(text);
      try {
        say(`Sandbox Bitbucket on ${sandbox.url} with workspace "${model.workspace.slug}" `);
        say(`(${flags.repositories} repositories × ${flags.pullRequests} pull requests).\n`);
        say(`Throwaway home: ${home}\n\n$ corvana-bb sync\n`);
        const syncCode = await run(["node", "corvana-bb", "sync"], { ...io, env });
        if (syncCode !== 0) throw new Error(`demo sync failed with exit code ${syncCode}`);
        say("\n$ corvana-bb status\n");
        await run(["node", "corvana-bb", "status"], { ...io, env });
        say("\n$ corvana-bb sync   # again: incremental, nothing changed\n");
        await run(["node", "corvana-bb", "sync"], { ...io, env });
      } finally {
        await sandbox.close();
        if (flags.keep) say(`\nKept ${home}\n`);
        else fs.rmSync(home, { recursive: true, force: true });
      }
    });
}
