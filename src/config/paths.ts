/**
 * Where corvana-bb keeps its files. With CORVANA_BB_HOME everything lives under one directory (tests,
 * containers, `demo`); otherwise the platform's conventions apply (XDG on Linux) through env-paths.
 */
import path from "node:path";
import envPaths from "env-paths";

/** Every file and directory the tool may create; `disconnect --purge` removes exactly these. */
export interface Paths {
  /** CORVANA_BB_HOME when set, else undefined (platform directories are used). */
  home: string | undefined;
  configDir: string;
  configFile: string;
  dataDir: string;
  databaseFile: string;
  bundlesDir: string;
  logsDir: string;
  /** Lock files (sync lock, token-refresh lock). */
  locksDir: string;
  /** The file credential backend's store, used only when chosen explicitly. */
  credentialsFile: string;
}

/** Resolves the paths for an environment (pure: reads only what it is given). */
export function resolvePaths(env: NodeJS.ProcessEnv, platformDirs = defaultPlatformDirs): Paths {
  const home = nonEmpty(env.CORVANA_BB_HOME);
  const dirs = home ? { config: home, data: home, log: path.join(home, "logs") } : platformDirs();
  const dataDir = home ? path.join(home, "data") : dirs.data;
  return {
    home: home === undefined ? undefined : path.resolve(home),
    configDir: path.resolve(dirs.config),
    configFile: path.resolve(dirs.config, "config.json"),
    dataDir: path.resolve(dataDir),
    databaseFile: path.resolve(dataDir, "corvana-bb.sqlite"),
    bundlesDir: path.resolve(dataDir, "bundles"),
    logsDir: path.resolve(dirs.log),
    locksDir: path.resolve(dataDir, "locks"),
    credentialsFile: path.resolve(dataDir, "credentials.json"),
  };
}

function defaultPlatformDirs(): { config: string; data: string; log: string } {
  const dirs = envPaths("corvana-bb", { suffix: "" });
  return { config: dirs.config, data: dirs.data, log: dirs.log };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}
