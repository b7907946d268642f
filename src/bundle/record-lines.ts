/**
 * The writer's input: records from per-type sources (cache rows) or from one stream of typed records (another
 * bundle), each validated against its strict schema — the bundle allowlist — and serialised as one NDJSON line.
 * A record that fails is refused with an error that names fields, never values.
 */
import type { BundleRecord, RecordType } from "./record-type.ts";
import { findRecordType } from "./record-types.ts";
import { refuseRecord } from "./refuse-record.ts";

/** Rows of one record type, in the order they go into the bundle. */
export interface RecordSource {
  type: RecordType;
  rows: Iterable<Record<string, unknown>>;
}

/** One serialised record and its type. */
export type Line = { type: string; line: string };

/** A pull-based stream of lines that is synchronous for the cache and asynchronous for a bundle file. */
export interface Lines {
  next(): IteratorResult<Line, undefined> | Promise<IteratorResult<Line, undefined>>;
  return(value: undefined): unknown;
}

/** The rows of per-type sources, each checked against its strict schema and serialised. */
export function* validatedLines(sources: RecordSource[]): Generator<Line, undefined, undefined> {
  for (const { type, rows } of sources) {
    for (const row of rows) {
      const record = type.toRecord(row);
      const parsed = type.schema.safeParse(record);
      if (!parsed.success) throw refuseRecord(type.name, record, parsed.error);
      yield { type: type.name, line: `${JSON.stringify(parsed.data)}\n` };
    }
  }
  return undefined;
}

/** Typed records (read back from a bundle), each checked against its type's strict schema and serialised. */
export async function* validatedRecords(
  records: AsyncIterable<BundleRecord>,
): AsyncGenerator<Line, undefined, undefined> {
  for await (const record of records) {
    const type = findRecordType(String(record.type));
    if (type === undefined) throw refuseRecord(String(record.type), record, undefined);
    const parsed = type.schema.safeParse(record);
    if (!parsed.success) throw refuseRecord(type.name, record, parsed.error);
    yield { type: type.name, line: `${JSON.stringify(parsed.data)}\n` };
  }
  return undefined;
}
