/** The tool's version, read once from package.json (used in the User-Agent and error reports). */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The package version, e.g. "0.1.0". */
export const version: string = (require("../package.json") as { version: string }).version;

/** The User-Agent of every HTTP request (Bitbucket, OAuth, Corvana) for a version: names the tool and where it lives. */
export function userAgentFor(toolVersion: string): string {
  return `corvana-bb/${toolVersion} (+https://github.com/corvana/corvana-bb)`;
}

/** This build's User-Agent. */
export const userAgent = userAgentFor(version);
