/**
 * The file checks of `doctor`: the extra CA file Node was told to read, and the permissions of the tool's
 * files (home and data directories 0700; database, credentials and config 0600). The data is
 * pseudonymised, but the credentials are not.
 */
import fs from "node:fs/promises";
import type { Config } from "../config/load-config.ts";
import { check, type DoctorCheck, octal } from "./doctor-check.ts";

/** NODE_EXTRA_CA_CERTS, when set, must name a readable PEM file: Node only warns once and goes on without it. */
export async function checkExtraCaFile(env: NodeJS.ProcessEnv): Promise<DoctorCheck | undefined> {
  const file = env.NODE_EXTRA_CA_CERTS;
  if (file === undefined || file === "") return undefined;
  const title = "CA certificates";
  const text = await fs.readFile(file, "utf8").catch(() => undefined);
  if (text === undefined) {
    return check(
      "extra-ca",
      title,
      "network",
      "fail",
      `NODE_EXTRA_CA_CERTS names ${file}, which cannot be read`,
      "Point NODE_EXTRA_CA_CERTS at a readable PEM file with your network's CA certificate(s).",
    );
  }
  const count = (text.match(/-----BEGIN CERTIFICATE-----/g) ?? []).length;
  if (count === 0) {
    return check(
      "extra-ca",
      title,
      "network",
      "fail",
      `${file} holds no PEM certificate`,
      "The file must contain -----BEGIN CERTIFICATE----- blocks (convert a .cer/.der with `openssl x509 -inform der`).",
    );
  }
  return check("extra-ca", title, "network", "ok", `${file}: ${count} certificate(s), read by Node at start-up`);
}

/** Home 0700, data directories 0700, database and credentials 0600. */
export async function checkPermissions(config: Config): Promise<DoctorCheck> {
  const title = "File permissions";
  if (process.platform === "win32") return check("permissions", title, "config", "skip", "not checked on Windows");
  const { paths } = config;
  const dirs = [
    ...new Set([paths.home, paths.configDir, paths.dataDir, paths.bundlesDir, paths.logsDir, paths.locksDir]),
  ];
  const files = [
    paths.databaseFile,
    `${paths.databaseFile}-wal`,
    `${paths.databaseFile}-shm`,
    paths.credentialsFile,
    paths.configFile,
  ];
  const problems: string[] = [];
  const fixes: string[] = [];
  let seen = 0;
  for (const [list, wanted] of [
    [dirs, 0o700],
    [files, 0o600],
  ] as const) {
    for (const p of list) {
      if (p === undefined) continue;
      const stat = await fs.stat(p).catch(() => undefined);
      if (stat === undefined) continue;
      seen += 1;
      const mode = stat.mode & 0o777;
      if ((mode & 0o077) !== 0) {
        problems.push(`${p} is ${octal(mode)}`);
        fixes.push(`chmod ${octal(wanted)} ${p}`);
      }
    }
  }
  if (problems.length > 0) {
    return check(
      "permissions",
      title,
      "config",
      "fail",
      `readable by others: ${problems.join("; ")}`,
      fixes.join(" && "),
    );
  }
  return check(
    "permissions",
    title,
    "config",
    seen === 0 ? "skip" : "ok",
    seen === 0 ? "no files yet" : `${seen} path${seen === 1 ? "" : "s"} private to this user`,
  );
}
