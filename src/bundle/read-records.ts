/** Streams the records of a bundle: gunzip, split into lines, parse each — one record in memory at a time. */
import readline from "node:readline";
import { createGunzip } from "node:zlib";
import type { OpenedBundle } from "./read-bundle.ts";

/** One line of records.ndjson: a parsed record, or the line number of a line that is not a JSON object. */
export type RecordLine = { record: Record<string, unknown>; line: number } | { invalid: true; line: number };

/** Yields every record of a bundle in order. */
export async function* readRecords(bundle: OpenedBundle): AsyncGenerator<RecordLine> {
  const input = bundle.source.stream(bundle.content.offset, bundle.content.size).pipe(createGunzip());
  const lines = readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let number = 0;
  try {
    for await (const text of lines) {
      number += 1;
      if (text === "") continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        value = undefined;
      }
      if (typeof value === "object" && value !== null && !Array.isArray(value)) {
        yield { record: value as Record<string, unknown>, line: number };
      } else {
        yield { invalid: true, line: number };
      }
    }
  } finally {
    lines.close();
    input.destroy();
  }
}
