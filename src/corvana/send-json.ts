/**
 * One JSON call to Corvana's ingest API over undici, shared by the enrollment and collector-administration
 * clients: a network error, 429 or 5xx becomes CorvanaUnavailableError (a temporary failure); any other answer
 * is returned with its parsed body for the caller to interpret.
 */
import { type Dispatcher, request } from "undici";
import { type CliErrorOptions, TemporaryError } from "../errors.ts";
import { userAgentFor } from "../version.ts";

/** Corvana could not be reached or is down (network error, 429, 5xx): worth trying again later. */
export class CorvanaUnavailableError extends TemporaryError {
  constructor(message: string, options: CliErrorOptions = {}) {
    super(message, options);
    this.name = "CorvanaUnavailableError";
  }
}

/** Where and how to call. */
export interface JsonCallOptions {
  /** Corvana's base URL; paths start with `/v1/`. */
  baseUrl: string;
  userAgentVersion: string;
  /** The ingest token, sent as Bearer when the call needs it; never printed. */
  bearer?: string;
  dispatcher?: Dispatcher | undefined;
  timeoutMs?: number | undefined;
}

/** A status and the body parsed as JSON (undefined when empty or not JSON). */
export interface JsonResponse {
  status: number;
  json: unknown;
}

/** Sends one request; the body, when given, goes as JSON. */
export async function sendJson(
  options: JsonCallOptions,
  method: "GET" | "POST" | "DELETE",
  path: string,
  body?: unknown,
): Promise<JsonResponse> {
  const url = `${options.baseUrl}${path}`;
  const timeoutMs = options.timeoutMs ?? 30_000;
  let response: Dispatcher.ResponseData;
  try {
    response = await request(url, {
      method,
      headers: {
        accept: "application/json",
        "user-agent": userAgentFor(options.userAgentVersion),
        ...(options.bearer === undefined ? {} : { authorization: `Bearer ${options.bearer}` }),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new CorvanaUnavailableError(
      `Cannot reach Corvana at ${new URL(url).origin}${typeof code === "string" ? ` (${code})` : ""}.`,
      { cause: error },
    );
  }
  const text = await response.body.text();
  if (response.statusCode === 429 || response.statusCode >= 500) {
    // The path without its query: a query may name what is being deleted, and messages stay short.
    const shown = path.split("?")[0] ?? path;
    throw new CorvanaUnavailableError(`Corvana answered HTTP ${response.statusCode} to ${method} ${shown}.`);
  }
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.statusCode, json };
}
