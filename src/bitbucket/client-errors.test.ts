import nock from "nock";
import { describe, expect, it, vi } from "vitest";
import { BadDataError, CliError, ExitCode, LoginRequiredError, UsageError } from "../errors.ts";
import {
  collect,
  ORIGIN,
  recorder,
  TEST_RETRY,
  TOKEN,
  testClient,
  useStrictNock,
  VERSION,
} from "./test-support/nock-harness.ts";
import { repositoryPayload } from "./test-support/payloads.ts";

useStrictNock();

const USER = { uuid: "{00000000-0000-4000-8000-0000000000aa}" };

describe("request headers", () => {
  it("sends a User-Agent naming corvana-bb and its version, the Bearer token and Accept: application/json", async () => {
    const { requests, reply } = recorder();
    nock(ORIGIN).get("/2.0/user").query(true).reply(reply(USER));
    await testClient().getCurrentUser();
    const headers = requests[0]?.headers;
    expect(headers?.get("user-agent")).toBe(`corvana-bb/${VERSION} (+https://github.com/corvana/corvana-bb)`);
    expect(headers?.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(headers?.get("accept")).toBe("application/json");
  });
});

describe("401", () => {
  it("throws LoginRequiredError when there is no refresh hook", async () => {
    nock(ORIGIN)
      .get("/2.0/user")
      .query(true)
      .reply(401, { type: "error", error: { message: "Unauthorized" } });
    const error = await testClient()
      .getCurrentUser()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoginRequiredError);
    expect((error as CliError).exitCode).toBe(ExitCode.loginRequired);
  });

  it("retries once with the new token when onUnauthorized() refreshes it", async () => {
    const { requests, reply } = recorder();
    nock(ORIGIN)
      .get("/2.0/user")
      .query(true)
      .reply(reply({ type: "error" }, 401))
      .get("/2.0/user")
      .query(true)
      .reply(reply(USER));
    let token = "old-token";
    const onUnauthorized = vi.fn(async () => {
      token = "new-token";
      return true;
    });
    const client = testClient({ getAccessToken: async () => token, onUnauthorized });
    expect(await client.getCurrentUser()).toEqual(USER);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(requests.map((r) => r.headers.get("authorization"))).toEqual(["Bearer old-token", "Bearer new-token"]);
  });

  it("gives up with LoginRequiredError when the refreshed token is rejected too", async () => {
    nock(ORIGIN).get("/2.0/user").query(true).times(2).reply(401, "");
    const onUnauthorized = vi.fn(async () => true);
    await expect(testClient({ onUnauthorized }).getCurrentUser()).rejects.toThrow(LoginRequiredError);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it("does not retry when onUnauthorized() has no new token", async () => {
    nock(ORIGIN).get("/2.0/user").query(true).reply(401, "");
    const client = testClient({ onUnauthorized: async () => false });
    await expect(client.getCurrentUser()).rejects.toThrow(LoginRequiredError);
    expect(client.stats.requests).toBe(1);
  });
});

describe("403 and 404", () => {
  it("reports a 403 on the repository list as a login problem naming the workspace and the scopes", async () => {
    nock(ORIGIN).get("/2.0/repositories/acme").query(true).reply(403, { type: "error" });
    const error = await collect(testClient().listRepositories("acme")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(ExitCode.loginRequired);
    expect((error as CliError).message).toContain("workspace acme");
    expect((error as CliError).hint).toMatch(/repository.*pullrequest/);
  });

  it("reports a 404 on the repository list as a usage error: workspace not found", async () => {
    nock(ORIGIN).get("/2.0/repositories/nope").query(true).reply(404, { type: "error" });
    const error = await collect(testClient().listRepositories("nope")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe("Workspace nope not found (HTTP 404).");
  });

  it("reports a 403 on pull requests as a login problem naming the pullrequest scope", async () => {
    nock(ORIGIN).get("/2.0/repositories/acme/web/pullrequests").query(true).reply(403, "");
    const error = await collect(testClient().listPullRequests("acme", "web")).catch((e: unknown) => e);
    expect((error as CliError).exitCode).toBe(ExitCode.loginRequired);
    expect((error as CliError).hint).toMatch(/pullrequest/);
  });
});

describe("other statuses", () => {
  it("treats a 400 as a bug: a plain Error with the path and Bitbucket's message, not retried", async () => {
    nock(ORIGIN)
      .get("/2.0/repositories/acme")
      .query(true)
      .reply(400, { type: "error", error: { message: "Invalid pagelen" } });
    const client = testClient();
    const error = await collect(client.listRepositories("acme")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(CliError);
    expect((error as Error).message).toBe(
      "Bitbucket answered HTTP 400 for GET /2.0/repositories/acme: Invalid pagelen",
    );
    expect(client.stats.requests).toBe(1);
  });

  it("throws BadDataError for a 200 whose body is not JSON", async () => {
    nock(ORIGIN).get("/2.0/user").query(true).reply(200, "<html>maintenance</html>");
    await expect(testClient().getCurrentUser()).rejects.toThrow(BadDataError);
  });
});

describe("configuration", () => {
  it.each([
    ["not a URL", "api.bitbucket.org/2.0"],
    ["another scheme", "ftp://api.bitbucket.org/2.0"],
    ["credentials in the URL", "https://user:pw@api.bitbucket.org/2.0"],
  ])("refuses an API base that is %s with a UsageError naming the setting", (_, baseUrl) => {
    const error = (() => {
      try {
        testClient({ baseUrl });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).hint).toContain("CORVANA_BB_BITBUCKET_API_URL");
    expect((error as Error).message).not.toContain("pw");
  });
});

describe("secrets", () => {
  it("never puts the token into an error message or hint", async () => {
    const user = () => nock(ORIGIN).get("/2.0/user").query(true);
    const reset = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
    const failures: (() => void)[] = [
      () => user().reply(401, `bad token ${TOKEN}`),
      () => user().reply(400, { error: { message: "Invalid request" } }),
      () => user().reply(403, ""),
      () => user().times(TEST_RETRY.maxAttempts).reply(503, ""),
      () => user().reply(429, "", { "retry-after": "99999" }),
      () => user().reply(200, { uuid: 42 }),
      () => user().times(TEST_RETRY.maxAttempts).replyWithError(reset),
    ];
    const messages: string[] = [];
    for (const arrange of failures) {
      arrange();
      const error = (await testClient()
        .getCurrentUser()
        .catch((e: unknown) => e)) as Error & { hint?: string };
      expect(error).toBeInstanceOf(Error);
      messages.push(`${error.message} ${error.hint ?? ""}`);
    }
    expect(messages).toHaveLength(failures.length);
    for (const message of messages) expect(message).not.toContain(TOKEN);
  });

  it("keeps the query string out of retry logs", async () => {
    nock(ORIGIN)
      .get("/2.0/repositories/acme")
      .query(true)
      .reply(502, "")
      .get("/2.0/repositories/acme")
      .query(true)
      .reply(200, { values: [repositoryPayload(1)] });
    const log = vi.fn();
    await collect(testClient({ log }).listRepositories("acme"));
    expect(log).toHaveBeenCalledWith(expect.objectContaining({ type: "retry", path: "/2.0/repositories/acme" }));
    expect(JSON.stringify(log.mock.calls)).not.toContain("fields=");
  });
});
