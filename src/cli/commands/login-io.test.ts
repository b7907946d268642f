import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../io.ts";
import { browserSituation, createLineReader, readAllStdin } from "./login-io.ts";

describe("browser situation", () => {
  it("opens a browser on a desktop and does not treat it as remote", () => {
    expect(browserSituation({ DISPLAY: ":0" }, false, "linux")).toEqual({ remote: false, canOpen: true });
    expect(browserSituation({}, false, "darwin")).toEqual({ remote: false, canOpen: true });
  });

  it("treats SSH and a Linux host without a display as remote, opening only a $BROWSER", () => {
    expect(browserSituation({ SSH_CONNECTION: "a b c d", DISPLAY: ":0" }, false, "linux")).toEqual({
      remote: true,
      canOpen: false,
    });
    expect(browserSituation({}, false, "linux")).toEqual({ remote: true, canOpen: false });
    expect(browserSituation({ BROWSER: "w3m" }, false, "linux")).toEqual({ remote: true, canOpen: true });
    expect(browserSituation({ WAYLAND_DISPLAY: "wayland-0", SSH_TTY: "/dev/pts/1" }, false, "linux").remote).toBe(true);
  });

  it("never opens anything with --no-browser", () => {
    expect(browserSituation({ DISPLAY: ":0", BROWSER: "firefox" }, true, "linux")).toEqual({
      remote: true,
      canOpen: false,
    });
  });
});

function ioWith(stdin: PassThrough): CliIo {
  return { env: {}, stdin, stdout: new PassThrough(), stderr: new PassThrough(), onSignal: () => () => undefined };
}

describe("terminal input", () => {
  it("hands out pasted lines one at a time and stops at the end of input", async () => {
    const stdin = new PassThrough();
    const lines = createLineReader(ioWith(stdin));
    stdin.write("first\nsecond\n");
    expect(await lines.next()).toBe("first");
    expect(await lines.next()).toBe("second");
    stdin.end();
    expect(await lines.next()).toBeUndefined();
    lines.close();
  });

  it("stops waiting for a line when the login no longer needs one", async () => {
    const lines = createLineReader(ioWith(new PassThrough()));
    const stop = new AbortController();
    const waiting = lines.next(stop.signal);
    stop.abort();
    expect(await waiting).toBeUndefined();
    lines.close();
  });

  it("reads a piped token to the end", async () => {
    const stdin = new PassThrough();
    stdin.end("token-value\n");
    expect(await readAllStdin(ioWith(stdin))).toBe("token-value\n");
  });
});
