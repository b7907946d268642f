import { describe, expect, it } from "vitest";
import { displayProxy, proxyFor, readProxySettings } from "./proxy-settings.ts";

describe("proxy settings", () => {
  it("reads the proxy variables, lower-case first, ignoring empty ones", () => {
    expect(
      readProxySettings({
        HTTPS_PROXY: "http://upper:1",
        https_proxy: "http://lower:2",
        HTTP_PROXY: " ",
        NO_PROXY: "x",
      }),
    ).toEqual({ httpsProxy: "http://lower:2", httpProxy: undefined, noProxy: "x" });
    expect(readProxySettings({})).toEqual({ httpsProxy: undefined, httpProxy: undefined, noProxy: undefined });
  });

  it("routes https through HTTPS_PROXY, falling back to HTTP_PROXY, and http through HTTP_PROXY", () => {
    const both = readProxySettings({ HTTPS_PROXY: "http://s:1", HTTP_PROXY: "http://p:2" });
    expect(proxyFor(both, "https://api.bitbucket.org/2.0")).toBe("http://s:1");
    expect(proxyFor(both, "http://127.0.0.1:9/x")).toBe("http://p:2");
    expect(proxyFor(readProxySettings({ HTTP_PROXY: "http://p:2" }), "https://api.bitbucket.org")).toBe("http://p:2");
    expect(proxyFor(readProxySettings({ HTTPS_PROXY: "http://s:1" }), "http://127.0.0.1:9")).toBeUndefined();
  });

  it("goes direct for hosts, domain suffixes, ports and * listed in NO_PROXY", () => {
    const settings = (noProxy: string) => readProxySettings({ HTTPS_PROXY: "http://s:1", NO_PROXY: noProxy });
    expect(proxyFor(settings("bitbucket.org"), "https://api.bitbucket.org")).toBeUndefined();
    expect(proxyFor(settings(".bitbucket.org"), "https://bitbucket.org")).toBeUndefined();
    expect(proxyFor(settings("*.bitbucket.org"), "https://bitbucket.org")).toBe("http://s:1");
    expect(proxyFor(settings("example.com, 127.0.0.1:8443"), "https://127.0.0.1:8443/")).toBeUndefined();
    expect(proxyFor(settings("127.0.0.1:8443"), "https://127.0.0.1:9443/")).toBe("http://s:1");
    expect(proxyFor(settings("*"), "https://anything.example")).toBeUndefined();
    expect(proxyFor(settings("notbitbucket.org"), "https://bitbucket.org")).toBe("http://s:1");
  });

  it("never shows the proxy's user name or password", () => {
    expect(displayProxy("http://alice:s3cret@proxy.corp:3128")).toBe("http://proxy.corp:3128 (with credentials)");
    expect(displayProxy("http://proxy.corp:3128")).toBe("http://proxy.corp:3128");
    expect(displayProxy("::nonsense")).not.toContain("nonsense");
  });
});
