import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolvePaths } from "../config/paths.ts";
import { purgeTargets } from "./purge-local-files.ts";

describe("purge targets", () => {
  it("with CORVANA_BB_HOME removes the data and logs directories and config.json, never the home itself", () => {
    const home = path.resolve("/srv/corvana");
    expect(purgeTargets(resolvePaths({ CORVANA_BB_HOME: home })).sort()).toEqual(
      [path.join(home, "config.json"), path.join(home, "data"), path.join(home, "logs")].sort(),
    );
  });

  it("with platform directories removes the whole data and log directories and the config file", () => {
    const paths = resolvePaths({}, () => ({
      config: "/h/.config/cb",
      data: "/h/.local/share/cb",
      log: "/h/.local/state/cb",
    }));
    expect(purgeTargets(paths).sort()).toEqual([
      "/h/.config/cb/config.json",
      "/h/.local/share/cb",
      "/h/.local/state/cb",
    ]);
  });

  it("never removes a directory that holds the receipt, even when data and config share it", () => {
    const paths = resolvePaths({}, () => ({ config: "/h/cb", data: "/h/cb", log: "/h/cb/logs" }));
    const targets = purgeTargets(paths);
    expect(targets).not.toContain("/h/cb");
    expect(targets).toEqual(
      expect.arrayContaining(["/h/cb/corvana-bb.sqlite", "/h/cb/corvana-bb.sqlite-wal", "/h/cb/bundles", "/h/cb/logs"]),
    );
  });
});
