/**
 * The proxy settings of a corporate network, read from the usual variables (`HTTPS_PROXY`, `HTTP_PROXY`,
 * `NO_PROXY`, lower-case first as curl does) of the environment the command runs with — not of
 * `process.env`, so `demo` and tests can run commands with their own. Also answers "which proxy, if any,
 * does a request to this URL go through?" for `doctor`, with the same NO_PROXY rules as undici's
 * EnvHttpProxyAgent (host or domain suffix, optional port, `*` for everything).
 */

/** The proxy variables in effect; undefined when unset or empty. */
export interface ProxySettings {
  httpsProxy: string | undefined;
  httpProxy: string | undefined;
  noProxy: string | undefined;
}

/** Reads the proxy variables from an environment (lower-case wins, as in curl and undici). */
export function readProxySettings(env: NodeJS.ProcessEnv): ProxySettings {
  const pick = (name: string) => nonEmpty(env[name.toLowerCase()]) ?? nonEmpty(env[name]);
  return { httpsProxy: pick("HTTPS_PROXY"), httpProxy: pick("HTTP_PROXY"), noProxy: pick("NO_PROXY") };
}

/** The proxy a request to `url` goes through, or undefined when it goes direct. */
export function proxyFor(settings: ProxySettings, url: string): string | undefined {
  const target = new URL(url);
  // HTTPS falls back to HTTP_PROXY when HTTPS_PROXY is unset, as EnvHttpProxyAgent does.
  const proxy = target.protocol === "https:" ? (settings.httpsProxy ?? settings.httpProxy) : settings.httpProxy;
  if (proxy === undefined) return undefined;
  return bypassesProxy(settings.noProxy, target) ? undefined : proxy;
}

/** A proxy URL without its user name and password, safe to print. */
export function displayProxy(proxy: string): string {
  try {
    const url = new URL(proxy);
    const hadCredentials = url.username !== "" || url.password !== "";
    url.username = "";
    url.password = "";
    return `${url.origin}${hadCredentials ? " (with credentials)" : ""}`;
  } catch {
    return "(an unparsable proxy URL)";
  }
}

function bypassesProxy(noProxy: string | undefined, target: URL): boolean {
  if (noProxy === undefined) return false;
  const host = target.hostname
    .replace(/^\[(.+)\]$/, "$1")
    .replace(/\.$/, "")
    .toLowerCase();
  const port = Number(target.port) || (target.protocol === "https:" ? 443 : 80);
  for (const raw of noProxy.split(/[,\s]+/)) {
    if (raw === "") continue;
    const entry = parseEntry(raw);
    if (entry.port !== 0 && entry.port !== port) continue;
    if (entry.host === "*") return true;
    if (!entry.wildcard && host === entry.host) return true;
    if (host.endsWith(`.${entry.host}`)) return true;
  }
  return false;
}

function parseEntry(raw: string): { host: string; port: number; wildcard: boolean } {
  const bracketed = /^\[(.+)\]:(\d+)$/.exec(raw);
  const unbracketed = raw.replace(/^\[(.+)\]$/, "$1");
  const withPort =
    bracketed ?? ((unbracketed.match(/:/g) ?? []).length === 1 ? /^(.+):(\d+)$/.exec(unbracketed) : null);
  const host = withPort?.[1] ?? unbracketed;
  return {
    host: host
      .replace(/^\*?\./, "")
      .replace(/^(.+)\.$/, "$1")
      .toLowerCase(),
    port: withPort?.[2] === undefined ? 0 : Number(withPort[2]),
    wildcard: raw.startsWith("*"),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}
