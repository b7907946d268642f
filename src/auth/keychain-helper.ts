/**
 * The child process that talks to the OS keychain for keychain-credential-store.ts. It exists because a
 * keychain can block inside native code (a Secret Service waiting for an unlock prompt nobody sees, a
 * D-Bus peer that never answers), and neither a promise timeout nor a worker thread can end such a
 * call: only killing a process can. Protocol: one JSON request per line on stdin, one JSON answer per
 * line on stdout; it exits when stdin closes. It never writes a secret anywhere but that pipe.
 */
import { createInterface } from "node:readline";
import { Entry, findCredentials } from "@napi-rs/keyring";

interface Request {
  id: number;
  op: "get" | "set" | "delete" | "list";
  service: string;
  account?: string;
  value?: string;
}

// Pinned to the Secret Service on Linux: the library would otherwise fall back to the kernel keyring,
// which forgets everything at logout or reboot; a silent, volatile fallback is what this tool avoids.
const options = { linux: { store: "secret-service" as const } };

function handle(request: Request): unknown {
  const entry = () => new Entry(request.service, request.account ?? "", options);
  switch (request.op) {
    case "get":
      return entry().getPassword() ?? undefined;
    case "set":
      entry().setPassword(request.value ?? "");
      return undefined;
    case "delete":
      entry().deleteCredential();
      return undefined;
    case "list":
      return findCredentials(request.service).map((credential) => credential.account);
  }
}

const lines = createInterface({ input: process.stdin, terminal: false });
lines.on("line", (line) => {
  let request: Request;
  try {
    request = JSON.parse(line) as Request;
  } catch {
    return;
  }
  let answer: unknown;
  try {
    answer = { id: request.id, ok: true, value: handle(request) };
  } catch (error) {
    answer = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`);
});
lines.on("close", () => process.exit(0));
