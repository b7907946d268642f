/**
 * Counts what `inspect` reports while the records stream past: records per type, the fields present, a few
 * samples, and every departure from the allowlist — each kept as a count, so memory does not grow with the bundle.
 */
import { findRecordType } from "./record-types.ts";

/** A field (or type) that is not on the allowlist, with how many records carry it. */
export interface AllowlistFinding {
  type: string;
  field: string | null;
  records: number;
}

/** What the tally found. */
export interface TallyResult {
  counts: Record<string, number>;
  fields: Record<string, string[]>;
  samples: Record<string, Record<string, unknown>[]>;
  unknownTypes: AllowlistFinding[];
  unlistedFields: AllowlistFinding[];
  invalidValues: AllowlistFinding[];
  unreadableLines: number;
}

/** Creates an empty tally keeping `samplesPerType` samples of each type. */
export function createRecordTally(samplesPerType: number) {
  const counts: Record<string, number> = {};
  const fields = new Map<string, Set<string>>();
  const samples = new Map<string, Record<string, unknown>[]>();
  const unknownTypes = new Map<string, number>();
  const unlisted = new Map<string, number>();
  const invalid = new Map<string, number>();
  let unreadableLines = 0;
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const findings = (map: Map<string, number>): AllowlistFinding[] =>
    [...map].map(([key, records]) => {
      const [type = "", field] = key.split("\u0000");
      return { type, field: field ?? null, records };
    });

  return {
    /** A line that is not a JSON object with a string `type`. */
    unreadable(): void {
      unreadableLines += 1;
    },
    /** Counts one record and checks it against its type's strict schema. */
    add(type: string, record: Record<string, unknown>): void {
      counts[type] = (counts[type] ?? 0) + 1;
      const present = fields.get(type) ?? new Set<string>();
      fields.set(type, present);
      for (const key of Object.keys(record)) if (key !== "type") present.add(key);
      const kept = samples.get(type) ?? [];
      samples.set(type, kept);
      if (kept.length < samplesPerType) kept.push(record);
      const known = findRecordType(type);
      if (known === undefined) {
        bump(unknownTypes, type);
        return;
      }
      const parsed = known.schema.safeParse(record);
      if (parsed.success) return;
      for (const issue of parsed.error.issues) {
        if (issue.code !== "unrecognized_keys") bump(invalid, `${type}\u0000${issue.path.join(".")}`);
        else for (const key of issue.keys) bump(unlisted, `${type}\u0000${key}`);
      }
    },
    result(): TallyResult {
      return {
        counts,
        fields: Object.fromEntries([...fields].map(([type, set]) => [type, [...set]])),
        samples: Object.fromEntries(samples),
        unknownTypes: findings(unknownTypes),
        unlistedFields: findings(unlisted),
        invalidValues: findings(invalid),
        unreadableLines,
      };
    },
  };
}
