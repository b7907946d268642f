/**
 * Applies a value schema to a response body. A value that does not match fails the whole page
 * with a BadDataError naming the endpoint and the field, so nothing half-understood is stored.
 */
import { z } from "zod";
import { BadDataError } from "../errors.ts";
import type { NumberedPage, Page } from "./types.ts";

/** Parses a single-object response with its schema. */
export function parseValue<T>(schema: z.ZodType<T>, body: unknown, path: string): T {
  const result = schema.safeParse(body);
  if (!result.success) throw badData(result.error, path);
  return result.data;
}

/** Parses a paginated envelope (`values` and `next`) with the schema of one value. */
export function parsePage<T>(schema: z.ZodType<T>, body: unknown, path: string): Page<T> {
  const envelope = z.object({
    values: z.array(schema),
    next: z.string().nullish(),
  });
  const result = envelope.safeParse(body);
  if (!result.success) throw badData(result.error, path);
  return { values: result.data.values, next: result.data.next ?? undefined };
}

/** Parses a page-numbered envelope (`values`, `next`, `page`, `pagelen`, `size`) with the schema of one value. */
export function parseNumberedPage<T>(schema: z.ZodType<T>, body: unknown, path: string): NumberedPage<T> {
  const envelope = z.object({
    values: z.array(schema),
    next: z.string().nullish(),
    page: z.number().int().positive().nullish(),
    pagelen: z.number().int().positive().nullish(),
    size: z.number().int().nonnegative().nullish(),
  });
  const result = envelope.safeParse(body);
  if (!result.success) throw badData(result.error, path);
  const { values, next, page, pagelen, size } = result.data;
  return {
    values,
    next: next ?? undefined,
    page: page ?? undefined,
    pagelen: pagelen ?? undefined,
    size: size ?? undefined,
  };
}

/** Renders a zod issue path the way a reader looks for it: `values[3].updated_on`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else text += text === "" ? String(key) : `.${String(key)}`;
  }
  return text === "" ? "(the body)" : text;
}

// zod's messages name the expected type, never the value received, so no payload text leaks here.
function badData(error: z.ZodError, path: string): BadDataError {
  const [first] = error.issues;
  const more = error.issues.length - 1;
  const where = first === undefined ? "(the body)" : formatIssuePath(first.path);
  const what = first?.message ?? "invalid";
  return new BadDataError(
    `Bitbucket sent unexpected data for ${path}: ${where}: ${what}${more > 0 ? ` (and ${more} more)` : ""}.`,
  );
}
