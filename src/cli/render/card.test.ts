import { describe, expect, it } from "vitest";
import { mark, row, wrap } from "./card.ts";

describe("cards", () => {
  it("wraps a long value under itself within 80 columns", () => {
    const text = row("[ok] ", "credentials", "word ".repeat(40).trim(), 12);
    const lines = text.split("\n");
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(lines[1]?.startsWith(" ".repeat(18))).toBe(true);
  });

  it("measures a coloured mark by what shows, not by its escape codes", () => {
    const text = row(`${mark("ok", true)} `, "label", "x ".repeat(60).trim(), 12);
    expect(text.split("\n")[1]?.startsWith(`${" ".repeat(18)}x`)).toBe(true);
  });

  it("shows words instead of colours when colour is off", () => {
    expect([mark("ok", false), mark("fail", false), mark("warn", false), mark("skip", false)]).toEqual([
      "[ok]",
      "[!!]",
      "[??]",
      "[--]",
    ]);
    expect(mark("fail", true)).toContain("\u001b[31m");
  });

  it("breaks a path longer than the width after a slash, and any other long word anywhere", () => {
    expect(wrap("in /tmp/a-long-directory/data/credentials.json now", 20)).toEqual([
      "in /tmp/",
      "a-long-directory/",
      "data/",
      "credentials.json now",
    ]);
    expect(wrap(`a ${"b".repeat(25)} c`, 10)).toEqual(["a", "b".repeat(10), "b".repeat(10), "bbbbb c"]);
  });
});
