/**
 * What a bundle record type is: a name on the wire, a STRICT output schema (the bundle allowlist, DESIGN §2
 * layer 3), the cache table it is read from, and the customer-facing words of docs/data-collected.md.
 * `defineRecordType` derives everything else, so adding a type is one definition plus one registry entry.
 */
import { z } from "zod";
import type { ChangedRowsSource } from "../store/changed-rows.ts";

/** A record as it goes into a bundle: the type name plus allowlisted fields. */
export type BundleRecord = { type: string } & Record<string, unknown>;

/** What a record type definition says. Field names are the cache's column names. */
export interface RecordTypeDefinition<Shape extends z.core.$ZodLooseShape> {
  /** The record's `type` on the wire, e.g. `pull_request`. */
  name: string;
  /** A short customer-facing title ("Pull request"). */
  title: string;
  /** One customer-facing sentence: what one record is. */
  description: string;
  /** Every field, each with `.describe("…")`: the allowlist. */
  fields: Shape;
  /** Where the rows come from. */
  table: string;
  /** Fields read from a column of another name (field → column); every other field is its column's name. */
  renamed?: Readonly<Record<string, string>>;
  repositoryColumn: string;
  orderBy: readonly string[];
}

/** A record type ready for the writer, the inspector and the documentation generator. */
export interface RecordType {
  name: string;
  title: string;
  description: string;
  /** Strict: a record with any key outside it fails to parse. */
  schema: z.ZodType<BundleRecord>;
  /** The allowlisted field names, `type` excluded, in definition order. */
  fieldNames: readonly string[];
  /** Field name → its customer-facing description and whether it may be null. */
  fieldDocs: ReadonlyArray<{ name: string; description: string; nullable: boolean }>;
  source: ChangedRowsSource;
  /** A cache row → a record (SQLite's 0/1 become booleans). Keeps every key it is given: the schema judges. */
  toRecord(row: Record<string, unknown>): BundleRecord;
}

/** Builds a record type from its definition. */
export function defineRecordType<Shape extends z.core.$ZodLooseShape>(
  definition: RecordTypeDefinition<Shape>,
): RecordType {
  const fieldNames = Object.keys(definition.fields);
  // `type` names the record type on the wire: a field of that name would overwrite it (and the schema's literal).
  if (fieldNames.includes("type")) throw new Error(`record type ${definition.name}: no field may be named "type"`);
  const fieldDocs = fieldNames.map((name) => {
    const field = definition.fields[name] as z.ZodType;
    if (!field.description) throw new Error(`record type ${definition.name}: field ${name} has no description`);
    return { name, description: field.description, nullable: field.safeParse(null).success };
  });
  const booleans = fieldNames.filter((name) => {
    const field = definition.fields[name] as z.ZodType;
    return field.safeParse(true).success && !field.safeParse(1).success;
  });
  const schema = z.strictObject({
    type: z.literal(definition.name),
    ...definition.fields,
  }) as unknown as z.ZodType<BundleRecord>;
  return {
    name: definition.name,
    title: definition.title,
    description: definition.description,
    schema,
    fieldNames,
    fieldDocs,
    source: {
      table: definition.table,
      columns: fieldNames,
      ...(definition.renamed === undefined ? {} : { renamed: definition.renamed }),
      repositoryColumn: definition.repositoryColumn,
      orderBy: definition.orderBy,
    },
    toRecord(row) {
      const record: BundleRecord = { type: definition.name, ...row };
      for (const name of booleans) {
        const value = record[name];
        if (value === 0 || value === 1) record[name] = value === 1;
      }
      return record;
    },
  };
}
