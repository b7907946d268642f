/**
 * A throwaway certificate authority and a server certificate for 127.0.0.1, made with `openssl` for the
 * TLS tests (node:crypto can sign but cannot build X.509 certificates). Tests skip, saying why, on a host
 * without openssl.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** Why the TLS tests cannot run here, or undefined when openssl is available. */
export const opensslMissing: string | undefined =
  spawnSync("openssl", ["version"], { encoding: "utf8" }).status === 0 ? undefined : "openssl is not installed";

/** The files of a test CA and a server certificate it signed. */
export interface TestCertificates {
  /** The CA certificate (PEM), for NODE_EXTRA_CA_CERTS. */
  caFile: string;
  cert: string;
  key: string;
}

/** Creates a CA and a certificate for IP 127.0.0.1 (valid two days) in `dir`. */
export function createTestCertificates(dir: string): TestCertificates {
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync("openssl", args, { stdio: "pipe" });
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  openssl(
    "req",
    "-x509",
    ...ec,
    "-keyout",
    file("ca.key"),
    "-out",
    file("ca.pem"),
    "-days",
    "2",
    "-subj",
    "/CN=corvana-bb test CA",
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
  );
  openssl("req", ...ec, "-keyout", file("server.key"), "-out", file("server.csr"), "-subj", "/CN=127.0.0.1");
  fs.writeFileSync(
    file("server.ext"),
    "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n",
  );
  openssl(
    "x509",
    "-req",
    "-in",
    file("server.csr"),
    "-CA",
    file("ca.pem"),
    "-CAkey",
    file("ca.key"),
    "-CAcreateserial",
    "-out",
    file("server.pem"),
    "-days",
    "2",
    "-extfile",
    file("server.ext"),
  );
  return {
    caFile: file("ca.pem"),
    cert: fs.readFileSync(file("server.pem"), "utf8"),
    key: fs.readFileSync(file("server.key"), "utf8"),
  };
}
