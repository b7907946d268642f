/**
 * Extra CA certificates: Bitbucket and Corvana behind TLS with a certificate from a private CA (as on a
 * network that inspects TLS). The built CLI trusts them when NODE_EXTRA_CA_CERTS names the CA — directly
 * and through a proxy's CONNECT tunnel — and refuses them without it, with `doctor` naming the fix.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ForwardingProxy, startForwardingProxy } from "../helpers/forwarding-proxy.ts";
import { enrollmentCode, type LoginWorld, startLoginWorld } from "../helpers/login-world.ts";
import { type RecordedCorvana, startRecordedCorvana } from "../helpers/recorded-corvana.ts";
import { cliEnv, runCli } from "../helpers/run-cli.ts";
import { createTestCertificates, opensslMissing, type TestCertificates } from "../helpers/test-ca.ts";
import { startTlsFront, type TlsFront } from "../helpers/tls-front.ts";

const TOKEN = "tls-test-access-token-8d2e";
if (opensslMissing !== undefined) console.warn(`Skipping the TLS tests: ${opensslMissing}.`);

describe.skipIf(opensslMissing !== undefined)("TLS with a private CA", () => {
  let world: LoginWorld;
  let corvana: RecordedCorvana;
  let certs: TestCertificates;
  let api: TlsFront;
  let corvanaTls: TlsFront;
  let proxy: ForwardingProxy;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "corvana-bb-tls-"));
    certs = createTestCertificates(dir);
    world = await startLoginWorld({
      accepted: { [`Bearer ${TOKEN}`]: ["account", "repository", "pullrequest", "pipeline"] },
    });
    corvana = await startRecordedCorvana({ enrollmentCodes: [enrollmentCode] });
    api = await startTlsFront(new URL(world.api.url).origin, certs);
    corvanaTls = await startTlsFront(corvana.url, certs);
    proxy = await startForwardingProxy();
  });
  afterAll(async () => {
    await Promise.all([world.close(), corvana.close(), api.close(), corvanaTls.close(), proxy.close()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const env = (extra: Record<string, string> = {}) =>
    cliEnv({
      HOME: world.home,
      CORVANA_BB_HOME: world.home,
      CORVANA_BB_CREDENTIAL_STORE: "file",
      CORVANA_BB_WORKSPACE: "sandbox-workspace",
      CORVANA_BB_BITBUCKET_API_URL: `${api.origin}/2.0`,
      CORVANA_BB_CORVANA_URL: corvanaTls.origin,
      CORVANA_BB_ENROLLMENT_CODE: enrollmentCode,
      ...extra,
    });

  it("refuses the servers without the CA, and doctor names NODE_EXTRA_CA_CERTS as the fix", async () => {
    const login = await runCli(["login", "--with-token"], env(), { stdin: `${TOKEN}\n` });
    expect(login.code).toBe(4);
    expect(login.stderr).toContain(`Cannot reach the Bitbucket API at ${api.origin}`);
    expect(api.requests).toEqual([]);

    // With a ready token, only the network can fail.
    const doctor = await runCli(["doctor", "--json"], env({ CORVANA_BB_TOKEN: TOKEN }));
    expect(doctor.code).toBe(4);
    const checks = (
      JSON.parse(doctor.stdout) as { checks: Array<{ id: string; status: string; detail: string; fix?: string }> }
    ).checks;
    const bitbucket = checks.find((c) => c.id === "bitbucket");
    expect(bitbucket?.status).toBe("fail");
    expect(bitbucket?.detail).toMatch(
      /TLS certificate is not trusted \((UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\)/,
    );
    expect(bitbucket?.fix).toContain("NODE_EXTRA_CA_CERTS");
    expect(checks.find((c) => c.id === "corvana")?.status).toBe("fail");
  });

  it("trusts them with NODE_EXTRA_CA_CERTS: login, enrollment and doctor all succeed", async () => {
    const login = await runCli(["login", "--with-token"], env({ NODE_EXTRA_CA_CERTS: certs.caFile }), {
      stdin: `${TOKEN}\n`,
    });
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout).toContain("Enrolled with Corvana as collector col_");
    expect(api.requests.map((r) => r.split("?")[0])).toEqual([
      "GET /2.0/user",
      "GET /2.0/workspaces/sandbox-workspace",
    ]);

    const doctor = await runCli(["doctor"], env({ NODE_EXTRA_CA_CERTS: certs.caFile }));
    expect(doctor.code, doctor.stdout).toBe(0);
    expect(doctor.stdout).toMatch(/\[ok\] CA certificates {3}.*ca\.pem: 1 certificate/);
    expect(doctor.stdout).toContain(`[ok] Bitbucket         ${api.origin}/2.0 answers (direct, HTTP 200`);
  });

  it("reaches them through a proxy's CONNECT tunnel with the CA", async () => {
    const before = proxy.seen.length;
    const status = await runCli(
      ["status", "--remote"],
      env({ NODE_EXTRA_CA_CERTS: certs.caFile, HTTPS_PROXY: proxy.url }),
    );
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain("server       active");
    expect(proxy.seen.slice(before)).toEqual([
      { kind: "connect", method: "CONNECT", target: new URL(corvanaTls.origin).host, proxyAuthorization: undefined },
    ]);
  });
});
