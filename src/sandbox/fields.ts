/**
 * The `fields` query parameter (partial responses), as the Bitbucket Cloud REST docs describe it
 * ("Partial responses"): a comma-separated list where `-path` removes a field, `+path` adds one
 * that is not returned by default while keeping the defaults, and a plain `path` switches to
 * "only what is listed". `*` matches every field at one level (`-links.*`, `-*,+id`). Arrays
 * are traversed transparently (`values.participants.user.uuid`). Paths of paginated responses
 * start with `values.`, and envelope keys (`next`, `page`, `size`, …) survive a selection only
 * when they are listed, exactly as on Bitbucket.
 */

type Json = unknown;

/**
 * Applies `fields` to `full`, the complete representation of a response. `hiddenByDefault`
 * names the paths left out unless asked for (e.g. `values.participants` on the pull request
 * list, which Bitbucket only includes on request). `full` is not modified.
 */
export function applyFields(full: Json, fields: string | null, hiddenByDefault: readonly string[] = []): Json {
  // No trimming: an unencoded "+" arrives as a space, and " foo" matches no field (per the docs).
  const tokens = (fields ?? "").split(",").filter((token) => token !== "");
  if (tokens.length === 0 && hiddenByDefault.length === 0) return full;
  const selectOnly = tokens.some((token) => !token.startsWith("+") && !token.startsWith("-"));
  // A selection starts empty and copies from `full`, so only the other modes need the (costly) defaults.
  let result: Json = selectOnly ? {} : defaultsOf(full, hiddenByDefault);
  for (const token of tokens) {
    if (token.startsWith("-")) {
      remove(result, token.slice(1).split("."));
    } else {
      const path = token.startsWith("+") ? token.slice(1) : token;
      result = include(result, full, path.split("."));
    }
  }
  return result;
}

function defaultsOf(full: Json, hiddenByDefault: readonly string[]): Json {
  const defaults = structuredClone(full);
  for (const path of hiddenByDefault) remove(defaults, path.split("."));
  return defaults;
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Copies the part of `source` under `path` into `target` (creating parents) and returns the target. */
function include(target: Json, source: Json, path: readonly string[]): Json {
  if (path.length === 0) return structuredClone(source);
  if (Array.isArray(source)) {
    const items: Json[] = Array.isArray(target) && target.length === source.length ? target : [];
    return source.map((item, i) => include(items[i], item, path));
  }
  if (!isObject(source)) return source;
  const [head, ...rest] = path;
  const out: Record<string, Json> = isObject(target) ? target : {};
  const keys = head === "*" ? Object.keys(source) : head !== undefined && Object.hasOwn(source, head) ? [head] : [];
  for (const key of keys) out[key] = include(out[key], source[key], rest);
  return out;
}

/** Deletes the fields under `path` from `target`, in place. */
function remove(target: Json, path: readonly string[]): void {
  if (Array.isArray(target)) {
    for (const item of target) remove(item, path);
    return;
  }
  if (!isObject(target)) return;
  const [head, ...rest] = path;
  if (head === undefined) return;
  const keys = head === "*" ? Object.keys(target) : [head];
  for (const key of keys) {
    if (rest.length === 0) delete target[key];
    else remove(target[key], rest);
  }
}
