/**
 * `login --no-browser` and `status` as a person sees them: the built CLI in a real terminal (tmux, 80
 * columns), the screen read back with capture-pane. Skipped, saying why, where tmux is not installed.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BitbucketSandbox, generateWorkspace, startBitbucketSandbox } from "../../src/sandbox/index.ts";
import { type RunningOAuthSandbox, startOAuthSandbox } from "../../src/sandbox/oauth/oauth-sandbox.ts";
import { playBrowser } from "../../src/sandbox/oauth/scripted-browser.ts";
import { freePort } from "../helpers/login-world.ts";
import { type RecordedCorvana, startRecordedCorvana } from "../helpers/recorded-corvana.ts";
import { cliPath, repoRoot } from "../helpers/run-cli.ts";
import { createTempHome } from "../helpers/temp-home.ts";

const tmuxMissing = spawnSync("tmux", ["-V"]).status === 0 ? undefined : "tmux is not installed";
if (tmuxMissing !== undefined) console.warn(`Skipping the terminal tests: ${tmuxMissing}.`);

describe.skipIf(tmuxMissing !== undefined)("in an 80-column terminal (tmux)", () => {
  const socket = `corvana-bb-test-${process.pid}`;
  const home = createTempHome("corvana-bb-e2e-tmux-");
  const tmux = (...args: string[]) => execFileSync("tmux", ["-L", socket, ...args], { encoding: "utf8" });
  let bitbucket: BitbucketSandbox;
  let oauth: RunningOAuthSandbox;
  let corvana: RecordedCorvana;
  let vars: Record<string, string>;
  let windows = 0;

  beforeAll(async () => {
    const port = await freePort();
    bitbucket = await startBitbucketSandbox({
      model: generateWorkspace({ seed: 12, repositories: 3, pullRequestsPerRepository: 10 }),
      tokens: [],
    });
    oauth = await startOAuthSandbox({
      consumers: [
        {
          key: "tmux-consumer",
          secret: "tmux-consumer-secret-6f1d",
          callbackUrl: `http://127.0.0.1:${port}/callback`,
          scopes: ["account", "repository", "pullrequest", "pipeline"],
        },
      ],
      onAccessToken: (token, expiresAt) => bitbucket.tokens.add(token, { expiresAt }),
    });
    corvana = await startRecordedCorvana({ enrollmentCodes: ["TMUX-CODE"] });
    vars = {
      PATH: process.env.PATH ?? "",
      HOME: home.dir,
      LANG: "C.UTF-8",
      TERM: "tmux-256color",
      CORVANA_BB_HOME: home.dir,
      CORVANA_BB_CREDENTIAL_STORE: "file",
      CORVANA_BB_BITBUCKET_OAUTH_URL: oauth.url,
      CORVANA_BB_BITBUCKET_API_URL: bitbucket.url,
      CORVANA_BB_CORVANA_URL: corvana.url,
      CORVANA_BB_CALLBACK_PORT: String(port),
      CORVANA_BB_CLIENT_ID: "tmux-consumer",
      CORVANA_BB_CLIENT_SECRET: "tmux-consumer-secret-6f1d",
      CORVANA_BB_ENROLLMENT_CODE: "TMUX-CODE",
    };
  });
  afterAll(async () => {
    spawnSync("tmux", ["-L", socket, "kill-server"]);
    await Promise.all([bitbucket.close(), oauth.close(), corvana.close()]);
    home.remove();
  });

  /** Runs the CLI in a new 80×50 tmux window with a clean environment; the window stays after it ends. */
  function open(args: string[], extra: Record<string, string> = {}): string {
    const name = `w${windows++}`;
    const script = path.join(home.dir, `${name}.sh`);
    const env = Object.entries({ ...vars, ...extra })
      .map(([k, v]) => `${k}='${v}'`)
      .join(" ");
    fs.writeFileSync(
      script,
      `cd '${repoRoot}'\nenv -i ${env} '${process.execPath}' '${cliPath}' ${args.join(" ")}\necho "[exit $?]"\nsleep 300\n`,
    );
    tmux(
      windows === 1 ? "new-session" : "new-window",
      ...(windows === 1 ? ["-d", "-s", "t", "-x", "80", "-y", "50"] : ["-d", "-t", "t"]),
      "-n",
      name,
      `bash ${script}`,
    );
    return name;
  }
  const screen = (name: string, colours = false) =>
    tmux("capture-pane", "-p", "-J", ...(colours ? ["-e"] : []), "-t", `t:${name}`).replace(/\s+$/, "");
  const exited = (name: string) => expect.poll(() => screen(name), { timeout: 30_000 }).toMatch(/\[exit \d+\]/);

  it("login --no-browser prints an address to open, and finishes when the browser comes back", async () => {
    const name = open(["login", "--no-browser"]);
    await expect.poll(() => screen(name), { timeout: 15_000 }).toMatch(/authorize\?\S+/);
    const url = /(http:\/\/127\.0\.0\.1:\d+\/site\/oauth2\/authorize\?\S+)/.exec(screen(name))?.[1] ?? "";
    expect(screen(name)).toContain("paste it here");
    await playBrowser(url);
    await exited(name);
    const text = screen(name);
    expect(text).toContain('Logged in to Bitbucket workspace "corvana-sandbox"');
    expect(text).toContain("[exit 0]");
  });

  it("status fits 80 columns with coloured marks on a terminal, and plain ones with NO_COLOR", async () => {
    const coloured = open(["status"]);
    await exited(coloured);
    const text = screen(coloured);
    for (const line of tmux("capture-pane", "-p", "-t", `t:${coloured}`).split("\n")) {
      expect(line.length, line).toBeLessThanOrEqual(80);
    }
    expect(text).toContain("Bitbucket    connected");
    expect(text).toContain("Corvana      enrolled as collector col_");
    expect(text).toContain("[exit 0]");
    expect(screen(coloured, true)).toContain("\u001b[32m●");

    const plain = open(["status"], { NO_COLOR: "1" });
    await exited(plain);
    expect(screen(plain)).toContain("[ok] Bitbucket    connected");
    expect(screen(plain, true)).not.toContain("\u001b[3");
  });
});
