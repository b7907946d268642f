/** The tool's version, read once from package.json (used in the User-Agent and error reports). */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The package version, e.g. "0.1.0". */
export const version: string = (require("../package.json") as { version: string }).version;

/** The User-Agent of every HTTP request the tool makes (Bitbucket, OAuth, Corvana): names the tool and version. */
export const userAgent = `corvana-bb/${version} (+https://github.com/corvana/corvana-bb)`;
