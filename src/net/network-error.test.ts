import { describe, expect, it } from "vitest";
import { describeNetworkError, fixFor } from "./network-error.ts";

const withCode = (message: string, code: string, cause?: unknown) =>
  Object.assign(new Error(message, cause === undefined ? undefined : { cause }), { code });

describe("network errors", () => {
  it("finds a certificate error under undici's wrapper and suggests NODE_EXTRA_CA_CERTS", () => {
    const failure = describeNetworkError(
      new TypeError("fetch failed", {
        cause: withCode(
          "other side closed",
          "UND_ERR_SOCKET",
          withCode("self-signed certificate in certificate chain", "SELF_SIGNED_CERT_IN_CHAIN"),
        ),
      }),
    );
    expect(failure).toMatchObject({ kind: "tls-trust", code: "SELF_SIGNED_CERT_IN_CHAIN" });
    expect(fixFor(failure, false)).toContain("NODE_EXTRA_CA_CERTS");
  });

  it("tells refused connections, DNS failures and timeouts apart, with a proxy-aware fix", () => {
    expect(describeNetworkError(withCode("connect ECONNREFUSED 127.0.0.1:9", "ECONNREFUSED")).kind).toBe("refused");
    expect(describeNetworkError(withCode("getaddrinfo ENOTFOUND x", "ENOTFOUND")).kind).toBe("dns");
    const timeout = describeNetworkError(withCode("Connect Timeout Error", "UND_ERR_CONNECT_TIMEOUT"));
    expect(timeout.kind).toBe("timeout");
    expect(fixFor(timeout, true)).toContain("NO_PROXY");
    expect(fixFor(timeout, false)).toContain("HTTPS_PROXY");
  });

  it("recognises a proxy that refuses the tunnel", () => {
    const failure = describeNetworkError(new Error("Proxy response (407) !== 200 when HTTP Tunneling"));
    expect(failure.kind).toBe("proxy");
    expect(failure.reason).toContain("407");
  });
});
