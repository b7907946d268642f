/**
 * Turns a parsed BBQL query into a predicate over one resource type. Each resource declares the
 * fields it can be filtered (and sorted) on; a query naming another field, or comparing a field
 * with a literal of the wrong type, is rejected with a message (the server answers 400).
 */
import type { BbqlComparison, BbqlNode, BbqlOperator, BbqlValue } from "./bbql.ts";

/** The type of a filterable field; datetimes are compared in microseconds. */
export type BbqlFieldType = "string" | "number" | "datetime" | "boolean";

/** A primitive field value (null when absent). */
export type BbqlScalar = string | number | boolean | null;

/** One field a resource can be filtered and sorted on. */
export interface BbqlField<T> {
  type: BbqlFieldType;
  get(item: T): BbqlScalar;
}

/** The filterable fields of a resource, by BBQL path (e.g. `updated_on`, `project.key`). */
export type BbqlSchema<T> = Readonly<Record<string, BbqlField<T>>>;

/** A predicate, or why the query cannot be applied. */
export type BbqlFilterResult<T> = { ok: true; test: (item: T) => boolean } | { ok: false; message: string };

/** Compiles `query` against `schema`. */
export function compileBbql<T>(node: BbqlNode, schema: BbqlSchema<T>): BbqlFilterResult<T> {
  if (node.kind !== "compare") {
    const left = compileBbql(node.left, schema);
    if (!left.ok) return left;
    const right = compileBbql(node.right, schema);
    if (!right.ok) return right;
    const test =
      node.kind === "and"
        ? (item: T) => left.test(item) && right.test(item)
        : (item: T) => left.test(item) || right.test(item);
    return { ok: true, test };
  }
  return compileComparison(node, schema);
}

function compileComparison<T>(node: BbqlComparison, schema: BbqlSchema<T>): BbqlFilterResult<T> {
  const field = Object.hasOwn(schema, node.field) ? schema[node.field] : undefined;
  if (!field) return { ok: false, message: `"${node.field}" is not a field this resource can be filtered on` };
  if ((node.operator === "~" || node.operator === "!~") && field.type !== "string") {
    return { ok: false, message: `operator ${node.operator} only applies to text, and "${node.field}" is not text` };
  }
  const literals = node.value.type === "list" ? node.value.items : [node.value];
  const values: BbqlScalar[] = [];
  for (const literal of literals) {
    const value = scalarOf(literal, field.type);
    if (value === undefined) {
      return { ok: false, message: `"${node.field}" is a ${field.type}; it cannot be compared with a ${literal.type}` };
    }
    values.push(value);
  }
  const compare = comparator(node.operator);
  return { ok: true, test: (item) => compare(field.get(item), values) };
}

function scalarOf(literal: BbqlValue, type: BbqlFieldType): BbqlScalar | undefined {
  if (literal.type === "null") return null;
  if (literal.type === "datetime") return type === "datetime" ? literal.micros : undefined;
  if (literal.type === "list" || literal.type !== type) return undefined;
  return literal.value;
}

function comparator(operator: BbqlOperator): (actual: BbqlScalar, values: BbqlScalar[]) => boolean {
  switch (operator) {
    case "=":
      return (actual, [value]) => actual === value;
    case "!=":
      return (actual, [value]) => actual !== value;
    case "~":
      return (actual, [value]) => contains(actual, value ?? null);
    case "!~":
      return (actual, [value]) => !contains(actual, value ?? null);
    case "IN":
      return (actual, values) => values.includes(actual);
    case "NOT IN":
      return (actual, values) => !values.includes(actual);
    default:
      return (actual, [value]) => ordered(operator, actual, value ?? null);
  }
}

function contains(actual: BbqlScalar, value: BbqlScalar): boolean {
  return typeof actual === "string" && typeof value === "string" && actual.toLowerCase().includes(value.toLowerCase());
}

function ordered(operator: BbqlOperator, actual: BbqlScalar, value: BbqlScalar): boolean {
  if (actual === null || value === null) return false;
  if (operator === ">") return actual > value;
  if (operator === ">=") return actual >= value;
  if (operator === "<") return actual < value;
  return actual <= value;
}
