import { describe, expect, it } from "vitest";
import { parseBbql } from "./bbql.ts";
import { type BbqlSchema, compileBbql } from "./bbql-filter.ts";
import { parseIsoMicros } from "./timestamps.ts";

interface Row {
  id: number;
  state: string;
  updated: number;
  draft: boolean;
}

const SCHEMA: BbqlSchema<Row> = {
  id: { type: "number", get: (r) => r.id },
  state: { type: "string", get: (r) => r.state },
  updated_on: { type: "datetime", get: (r) => r.updated },
  draft: { type: "boolean", get: (r) => r.draft },
};

const at = (iso: string) => parseIsoMicros(iso) ?? Number.NaN;
const ROWS: Row[] = [
  { id: 1, state: "OPEN", updated: at("2024-01-01T00:00:00Z"), draft: false },
  { id: 2, state: "MERGED", updated: at("2024-01-01T00:00:00.000001Z"), draft: false },
  { id: 3, state: "DECLINED", updated: at("2024-06-01T12:00:00Z"), draft: true },
  { id: 4, state: "OPEN", updated: at("2025-01-01T00:00:00Z"), draft: false },
];

function ids(q: string): number[] {
  const parsed = parseBbql(q);
  if (!parsed.ok) throw new Error(`parse failed: ${parsed.message}`);
  const filter = compileBbql(parsed.query, SCHEMA);
  if (!filter.ok) throw new Error(`compile failed: ${filter.message}`);
  return ROWS.filter(filter.test).map((r) => r.id);
}

function rejection(q: string): string {
  const parsed = parseBbql(q);
  if (!parsed.ok) return parsed.message;
  const filter = compileBbql(parsed.query, SCHEMA);
  return filter.ok ? "accepted" : filter.message;
}

describe("BBQL", () => {
  it("compares datetimes with every ordering operator, to the microsecond", () => {
    expect(ids("updated_on > 2024-01-01T00:00:00+00:00")).toEqual([2, 3, 4]);
    expect(ids("updated_on >= 2024-01-01T00:00:00+00:00")).toEqual([1, 2, 3, 4]);
    expect(ids("updated_on < 2024-06-01T12:00:00Z")).toEqual([1, 2]);
    expect(ids("updated_on <= 2024-06-01T12:00:00Z")).toEqual([1, 2, 3]);
  });

  it("treats a datetime without offset as UTC and accepts a date alone", () => {
    expect(ids("updated_on>2024-06-01T12:00:00")).toEqual([4]);
    expect(ids("updated_on > 2024-06-01")).toEqual([3, 4]);
    expect(ids("updated_on > 2024-06-01T14:00:00+02:00")).toEqual([4]);
  });

  it("compares numbers and quoted strings with = and !=", () => {
    expect(ids("id = 3")).toEqual([3]);
    expect(ids("id != 3")).toEqual([1, 2, 4]);
    expect(ids('state = "OPEN"')).toEqual([1, 4]);
    expect(ids('state != "OPEN"')).toEqual([2, 3]);
    expect(ids("draft = true")).toEqual([3]);
  });

  it("binds AND tighter than OR, and honours parentheses", () => {
    expect(ids('state = "OPEN" OR state = "MERGED" AND id > 3')).toEqual([1, 4]);
    expect(ids('(state = "OPEN" OR state = "MERGED") AND id > 3')).toEqual([4]);
    expect(ids('state = "OPEN" and id < 2')).toEqual([1]);
  });

  it("supports IN and NOT IN lists, and ~ for case-insensitive contains", () => {
    expect(ids('state IN ("OPEN", "DECLINED")')).toEqual([1, 3, 4]);
    expect(ids('state NOT IN ("OPEN", "DECLINED")')).toEqual([2]);
    expect(ids('state ~ "erg"')).toEqual([2]);
    expect(ids('state !~ "OPEN"')).toEqual([2, 3]);
  });

  it("reads escaped quotes inside strings", () => {
    expect(ids('state = "O\\"PEN"')).toEqual([]);
  });

  it("rejects an unencoded + offset, which arrives as a space", () => {
    expect(rejection("updated_on > 2024-01-01T00:00:00 00:00")).toMatch(/position/);
  });

  it("rejects malformed queries", () => {
    expect(rejection("updated_on >")).toMatch(/a value/);
    expect(rejection("(id = 1")).toMatch(/"\)"/);
    expect(rejection('state = "OPEN')).toMatch(/unterminated/);
    expect(rejection("id = 1 id = 2")).toMatch(/AND, OR/);
    expect(rejection("id 1")).toMatch(/operator/);
    expect(rejection("id = 1 AND")).toMatch(/field name/);
    expect(rejection("updated_on > 2024-13-45")).toMatch(/invalid datetime/);
    expect(rejection('state IN "OPEN"')).toMatch(/IN/);
  });

  it("rejects unknown fields and literals of the wrong type", () => {
    expect(rejection('title ~ "fix"')).toMatch(/"title" is not a field/);
    expect(rejection('updated_on > "2024-01-01"')).toMatch(/datetime/);
    expect(rejection('id = "3"')).toMatch(/number/);
    expect(rejection("id ~ 3")).toMatch(/only applies to text/);
  });
});
