import { describe, expect, it } from "vitest";
import { isContentPath } from "./content-paths.ts";
import { matchRoute, type SandboxRoute } from "./routes.ts";

const handle = () => ({ status: 200, json: {} });
const ROUTES: SandboxRoute[] = [
  { path: "/2.0/repositories/{workspace}/{repo}/pullrequests/{id}", handle },
  { path: "/2.0/repositories/{workspace}/{repo}/pullrequests/activity", handle },
  { path: "/2.0/repositories/{workspace}/{repo}", handle },
];

describe("matchRoute", () => {
  it("prefers literal segments over parameters", () => {
    const match = matchRoute(ROUTES, "GET", "/2.0/repositories/w/r/pullrequests/activity");
    expect(match.kind === "found" && match.route).toBe(ROUTES[1]);
    const byId = matchRoute(ROUTES, "GET", "/2.0/repositories/w/r/pullrequests/7");
    expect(byId).toEqual({ kind: "found", route: ROUTES[0], params: { workspace: "w", repo: "r", id: "7" } });
  });

  it("decodes {uuid} parameters and accepts a trailing slash", () => {
    const match = matchRoute(ROUTES, "GET", "/2.0/repositories/w/%7Babc%7D/");
    expect(match.kind === "found" && match.params.repo).toBe("{abc}");
  });

  it("tells a wrong method apart from an unknown path", () => {
    expect(matchRoute(ROUTES, "POST", "/2.0/repositories/w/r").kind).toBe("wrong-method");
    expect(matchRoute(ROUTES, "GET", "/2.0/repositories/w/r/commits").kind).toBe("none");
  });
});

describe("isContentPath", () => {
  it("recognises content endpoints", () => {
    for (const path of [
      "/2.0/repositories/w/r/diff/a..b",
      "/2.0/repositories/w/r/diffstat/a..b",
      "/2.0/repositories/w/r/patch/a..b",
      "/2.0/repositories/w/r/src/main/README.md",
      "/2.0/repositories/w/r/pullrequests/1/comments",
      "/2.0/repositories/w/r/pipelines/%7Bp%7D/steps/%7Bs%7D/log",
      "/2.0/repositories/w/r/pipelines_config/variables",
      "/2.0/snippets/w",
      "/2.0/users/%7Bu%7D/ssh-keys",
      "/2.0/user/emails",
    ]) {
      expect(isContentPath(path), path).toBe(true);
    }
  });

  it("does not mistake a repository or workspace named like an endpoint for content", () => {
    expect(isContentPath("/2.0/repositories/w/src/pullrequests")).toBe(false);
    expect(isContentPath("/2.0/repositories/diff/r/commits")).toBe(false);
    expect(isContentPath("/2.0/workspaces/log/projects")).toBe(false);
    expect(isContentPath("/2.0/repositories/w/r/pipelines")).toBe(false);
  });
});
