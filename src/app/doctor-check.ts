/** The shape of one `doctor` check and the helpers that build results. */
import { displayProxy, type ProxySettings, proxyFor } from "../net/proxy-settings.ts";

/** How a check came out; only "fail" makes `doctor` exit non-zero. */
export type CheckStatus = "ok" | "warn" | "fail" | "skip";

/** What kind of trouble a failure is, which decides doctor's exit code (login 3, network 4, config 2). */
export type CheckArea = "login" | "network" | "config";

/** One finding, with the fix when it is not ok. */
export interface DoctorCheck {
  id: string;
  title: string;
  status: CheckStatus;
  detail: string;
  fix?: string;
  area: CheckArea;
}

/** Builds a check result. */
export function check(
  id: string,
  title: string,
  area: CheckArea,
  status: CheckStatus,
  detail: string,
  fix?: string,
): DoctorCheck {
  return { id, title, area, status, detail, ...(fix === undefined ? {} : { fix }) };
}

/** "direct" or "via proxy <url without credentials>": how a request to `url` leaves this machine. */
export function routeTo(proxy: ProxySettings, url: string): string {
  const via = proxyFor(proxy, url);
  return via === undefined ? "direct" : `via proxy ${displayProxy(via)}`;
}

/** A file mode as four octal digits, e.g. 0600. */
export function octal(mode: number): string {
  return `0${mode.toString(8).padStart(3, "0")}`;
}
