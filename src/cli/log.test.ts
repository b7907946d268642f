import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { CliIo } from "./io.ts";
import { createLogger } from "./log.ts";

const at = () => new Date("2026-03-01T08:00:00.000Z");

function io(options: { tty?: boolean; env?: NodeJS.ProcessEnv } = {}): { io: CliIo; text: () => string } {
  const stderr = Object.assign(new PassThrough(), { isTTY: options.tty === true });
  let text = "";
  stderr.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  return {
    io: {
      env: options.env ?? {},
      stdin: new PassThrough(),
      stdout: new PassThrough(),
      stderr,
      onSignal: () => () => undefined,
    },
    text: () => text,
  };
}

describe("logger", () => {
  it("writes timestamped plain lines without a terminal, so cron mail and log files show when", () => {
    const out = io();
    const log = createLogger(out.io, { now: at });
    log.info("synced", { repositories: 3 });
    log.warn("slow");
    expect(out.text()).toBe(
      "2026-03-01T08:00:00.000Z synced (repositories=3)\n2026-03-01T08:00:00.000Z warning: slow\n",
    );
  });

  it("writes one JSON object per line with --log-format json", () => {
    const out = io();
    const log = createLogger(out.io, { format: "json", now: at });
    log.warn("refresh failed", { workspace: "acme", status: 503 });
    log.failure("Cannot reach Bitbucket.", "Try later.", { exitCode: 4 });
    const lines = out
      .text()
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      { time: "2026-03-01T08:00:00.000Z", level: "warn", msg: "refresh failed", workspace: "acme", status: 503 },
      {
        time: "2026-03-01T08:00:00.000Z",
        level: "error",
        msg: "Cannot reach Bitbucket.",
        exitCode: 4,
        hint: "Try later.",
      },
    ]);
  });

  it("colours the level on a terminal, but never with NO_COLOR", () => {
    const coloured = io({ tty: true });
    createLogger(coloured.io).warn("careful");
    expect(coloured.text()).toBe("\u001b[33mwarning\u001b[0m: careful\n");
    const plain = io({ tty: true, env: { NO_COLOR: "1" } });
    createLogger(plain.io).warn("careful");
    expect(plain.text()).toBe("warning: careful\n");
  });

  it("ends a failed command with error: and hint: lines", () => {
    const out = io();
    createLogger(out.io, { now: at }).failure("It broke.", "Do this.");
    expect(out.text()).toBe("error: It broke.\nhint: Do this.\n");
  });

  it("never prints a token that slipped into a message or a field", () => {
    for (const format of ["text", "json"] as const) {
      const out = io();
      const log = createLogger(out.io, { format, now: at });
      log.error("request failed: Authorization: Bearer abcdefgh12345678", { body: "refresh_token=zzzsecretzzz" });
      log.failure("access_token=qqqsecretqqq", "client_secret: www");
      expect(out.text()).not.toMatch(/abcdefgh12345678|zzzsecretzzz|qqqsecretqqq|client_secret: www/);
      expect(out.text()).toContain("[redacted]");
    }
  });
});
