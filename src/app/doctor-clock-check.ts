/**
 * The clock check of `doctor`: this machine's clock against the `Date` headers of Bitbucket and Corvana.
 * Token renewal and the crawl's cursor overlaps assume clocks that agree within a few minutes.
 */
import type { ProbeResult } from "../net/probe.ts";
import { check, type DoctorCheck } from "./doctor-check.ts";

/** Above this the clock check warns: token expiry and the crawl's cursor overlap assume agreeing clocks. */
export const CLOCK_WARN_MS = 2 * 60_000;
/** Above this it fails: the 5-minute refresh margin and cursor overlaps are no longer enough. */
export const CLOCK_FAIL_MS = 30 * 60_000;

/** Compares this machine's clock with the servers' Date headers. */
export function checkClock(probes: Array<ProbeResult | undefined>): DoctorCheck {
  const title = "Clock";
  const skews = probes.flatMap((probe) => (probe?.ok && probe.clockSkewMs !== undefined ? [probe.clockSkewMs] : []));
  if (skews.length === 0) return check("clock", title, "config", "skip", "no server answered with a Date header");
  const worst = skews.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a));
  const said = worst === 0 ? "agrees with the servers (within a second)" : `${describeSkew(worst)} the servers' clocks`;
  const fix =
    "Synchronise the clock (timedatectl set-ntp true, or chrony/ntpd): token renewal and the crawl's cursors compare times with Bitbucket.";
  if (Math.abs(worst) > CLOCK_FAIL_MS) return check("clock", title, "config", "fail", said, fix);
  if (Math.abs(worst) > CLOCK_WARN_MS) return check("clock", title, "config", "warn", said, fix);
  return check("clock", title, "config", "ok", said);
}

function describeSkew(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  const amount = seconds >= 120 ? `${Math.round(seconds / 60)} min` : `${seconds} s`;
  return `${amount} ${ms > 0 ? "ahead of" : "behind"}`;
}
