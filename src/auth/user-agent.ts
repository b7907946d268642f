/** The User-Agent of login's own HTTP calls (token endpoint, login check), naming the tool like every request. */
import { version } from "../version.ts";

/** `corvana-bb/<version>`. */
export const authUserAgent = `corvana-bb/${version} (+https://github.com/corvana/corvana-bb)`;
