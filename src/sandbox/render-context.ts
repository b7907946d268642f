/** What every renderer of the Bitbucket wire format needs: the model and the sandbox's own URLs. */
import type { SandboxModel } from "./model.ts";

/** Where links in rendered objects point: the sandbox itself, never bitbucket.org. */
export interface RenderContext {
  model: SandboxModel;
  /** API base including `/2.0`, e.g. `http://127.0.0.1:PORT/2.0`. */
  api: string;
  /** Web base standing in for https://bitbucket.org, e.g. `http://127.0.0.1:PORT`. */
  web: string;
}

/** A Bitbucket link object. */
export function link(href: string): { href: string } {
  return { href };
}

/** A path segment as Bitbucket writes it in links (`{uuid}` becomes `%7Buuid%7D`). */
export function segment(value: string): string {
  return encodeURIComponent(value);
}

/** Bitbucket's rendered-text object (`summary`, `rendered.title`, …). */
export function rendered(raw: string): { type: "rendered"; raw: string; markup: "markdown"; html: string } {
  return { type: "rendered", raw, markup: "markdown", html: raw === "" ? "" : `<p>${raw}</p>` };
}
