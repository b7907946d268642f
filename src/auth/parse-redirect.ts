/**
 * Paste-back: when the browser runs on another machine (SSH, no display), its final redirect to
 * 127.0.0.1 fails there, and the user pastes that address (or just the code) into the terminal.
 */
import type { CallbackResult } from "./callback-server.ts";
import { isSameState } from "./state.ts";

/** A pasted line understood as a callback, or why it was not. */
export type PastedRedirect = CallbackResult | { kind: "invalid"; reason: "wrong-state" | "unrecognised" };

const bareCode = /^[A-Za-z0-9._~+/=-]{4,512}$/;

/** Reads a pasted redirect URL, query string or bare code; a `state` in it must be ours. */
export function parsePastedRedirect(input: string, expectedState: string): PastedRedirect {
  const text = input.trim();
  if (text === "") return { kind: "invalid", reason: "unrecognised" };
  const query = queryOf(text);
  if (query === undefined)
    return bareCode.test(text) ? { kind: "code", code: text } : { kind: "invalid", reason: "unrecognised" };
  const state = query.get("state");
  // A bare code carries no state to check; a pasted address always does, and it must match.
  if (state !== null && !isSameState(expectedState, state)) return { kind: "invalid", reason: "wrong-state" };
  const error = query.get("error");
  if (error !== null) {
    const description = query.get("error_description");
    return { kind: "error", error, ...(description === null ? {} : { description }) };
  }
  const code = query.get("code");
  return code !== null && bareCode.test(code) ? { kind: "code", code } : { kind: "invalid", reason: "unrecognised" };
}

function queryOf(text: string): URLSearchParams | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    try {
      return new URL(text).searchParams;
    } catch {
      return undefined;
    }
  }
  if (text.startsWith("?")) return new URLSearchParams(text.slice(1));
  if (/(^|&)(code|error|state)=/.test(text)) return new URLSearchParams(text);
  return undefined;
}
