/**
 * A loopback HTTP server that behaves like Bitbucket Cloud REST 2.0 for what the collector
 * calls (account, repositories, pull requests and their activity, pipelines and steps,
 * environments and deployments, the branching model, branches, main-branch commits), over a
 * generated model. It records every request, answers 404 to (and records) any endpoint it does
 * not implement and any content endpoint, and injects faults on demand.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createFaultInjector, type FaultOptions } from "./faults.ts";
import { createRequestHandler, type RequestLogs } from "./handle-request.ts";
import type { SandboxModel } from "./model.ts";
import { createPullRequestIndex } from "./pull-request-index.ts";
import { createResourceIndexes } from "./resource-indexes.ts";
import type { SandboxRoute } from "./routes.ts";
import { accountRoutes } from "./routes-account.ts";
import { activityRoutes } from "./routes-activity.ts";
import { branchRoutes } from "./routes-branches.ts";
import { commitRoutes } from "./routes-commits.ts";
import { deploymentRoutes } from "./routes-deployments.ts";
import { pipelineRoutes } from "./routes-pipelines.ts";
import { pullRequestRoutes } from "./routes-pull-requests.ts";
import { repositoryRoutes } from "./routes-repositories.ts";
import { createTokenRegistry, type TokenRegistry } from "./tokens.ts";

/** How to start the sandbox. */
export interface BitbucketSandboxOptions {
  model: SandboxModel;
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Valid Bearer tokens (default `["sandbox-token"]`). */
  tokens?: readonly string[];
  faults?: FaultOptions;
  /** Clock for token expiry (default: the real clock). */
  now?: () => Date;
  /** More routes served next to the built-in ones. */
  routes?: readonly SandboxRoute[];
}

/** A running sandbox; its logs are live arrays that tests read (and may empty). */
export interface BitbucketSandbox extends RequestLogs {
  /** API base including `/2.0`, e.g. `http://127.0.0.1:PORT/2.0`. */
  url: string;
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  model: SandboxModel;
  tokens: TokenRegistry;
  /** Replaces the fault knobs (and restarts their PRNG). */
  setFaults(faults: FaultOptions): void;
  close(): Promise<void>;
}

/** Starts the sandbox on 127.0.0.1 and resolves once it listens. */
export async function startBitbucketSandbox(options: BitbucketSandboxOptions): Promise<BitbucketSandbox> {
  const { model } = options;
  const faults = createFaultInjector(options.faults ?? {}, model.seed);
  const indexes = createResourceIndexes(model);
  const routes = [
    ...accountRoutes(),
    ...repositoryRoutes(),
    ...pullRequestRoutes(createPullRequestIndex(model)),
    ...activityRoutes(indexes),
    ...pipelineRoutes(indexes, faults),
    ...deploymentRoutes(indexes),
    ...branchRoutes(),
    ...commitRoutes(indexes),
    ...(options.routes ?? []),
  ];
  const tokens = createTokenRegistry(options.tokens ?? ["sandbox-token"], options.now ?? (() => new Date()));
  const logs: RequestLogs = { requests: [], unknownRequests: [], contentRequests: [], internalErrors: [] };

  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  // Links and `next` URLs need the port, which is only known once the server listens.
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const ctx = { model, api: `${origin}/2.0`, web: origin };
  server.on("request", createRequestHandler({ routes, faults, tokens, ctx, logs }));

  return {
    url: ctx.api,
    origin,
    model,
    ...logs,
    tokens,
    setFaults: (next) => faults.set(next),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
