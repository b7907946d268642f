/**
 * Names what went wrong when a request never got an HTTP answer, from the error codes Node and undici use,
 * so `doctor` and `status --remote` can say "the certificate is not trusted" instead of "fetch failed", with
 * the fix that goes with it.
 */

/** The kinds of failure an operator fixes differently. */
export type NetworkFailureKind = "tls-trust" | "dns" | "refused" | "timeout" | "proxy" | "other";

/** A failure to get an answer, described without any secret. */
export interface NetworkFailure {
  kind: NetworkFailureKind;
  /** The Node/undici error code, e.g. SELF_SIGNED_CERT_IN_CHAIN. */
  code: string | undefined;
  /** A short, human sentence fragment. */
  reason: string;
}

const tlsTrustCodes = new Set([
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_UNTRUSTED",
  "CERT_SIGNATURE_FAILURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
]);

/** Describes an error thrown by an undici request. */
export function describeNetworkError(error: unknown): NetworkFailure {
  const code = findCode(error);
  if (code !== undefined && tlsTrustCodes.has(code)) {
    return { kind: "tls-trust", code, reason: `the server's TLS certificate is not trusted (${code})` };
  }
  if (code === "ENOTFOUND" || code === "EAI_AGAIN")
    return { kind: "dns", code, reason: `the host name does not resolve (${code})` };
  if (code === "ECONNREFUSED") return { kind: "refused", code, reason: "the connection was refused (ECONNREFUSED)" };
  if (code === "UND_ERR_CONNECT_TIMEOUT" || code === "UND_ERR_HEADERS_TIMEOUT" || code === "ETIMEDOUT") {
    return { kind: "timeout", code, reason: `no answer in time (${code})` };
  }
  const message = findMessage(error);
  if (/proxy/i.test(message))
    return { kind: "proxy", code, reason: `the proxy refused the connection (${oneLine(message)})` };
  return { kind: "other", code, reason: code === undefined ? oneLine(message) : `${oneLine(message)} (${code})` };
}

/** The fix an operator applies for a kind of failure. */
export function fixFor(failure: NetworkFailure, proxied: boolean): string {
  switch (failure.kind) {
    case "tls-trust":
      return "If your network inspects TLS with its own certificate authority, start corvana-bb with NODE_EXTRA_CA_CERTS=/path/to/that-ca.pem (or NODE_OPTIONS=--use-system-ca); see docs/network.md.";
    case "dns":
      return proxied
        ? "Check the host name in the URL and the proxy's DNS."
        : "Check the host name; on a network that only reaches the internet through a proxy, set HTTPS_PROXY (docs/network.md).";
    case "refused":
    case "timeout":
      return proxied
        ? "Check that the proxy in HTTPS_PROXY/HTTP_PROXY is running and allows this host, or add the host to NO_PROXY."
        : "Check the firewall; on a network that only reaches the internet through a proxy, set HTTPS_PROXY (docs/network.md).";
    case "proxy":
      return "The proxy refused the request: check HTTPS_PROXY (and its user and password), or ask for the host to be allowed.";
    case "other":
      return "Check the network connection and the URL; see docs/network.md.";
  }
}

function findCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    // undici wraps the socket's error; the specific code (a certificate's) is on the cause.
    const cause = (current as { cause?: unknown }).cause;
    if (
      typeof code === "string" &&
      !(code.startsWith("UND_ERR_") && cause !== undefined && findCode(cause) !== undefined)
    ) {
      return code;
    }
    current = cause;
  }
  return undefined;
}

function findMessage(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    parts.push(current.message);
    current = current.cause;
  }
  return parts.join(": ") || String(error);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").slice(0, 200);
}
