/**
 * A parser for the subset of BBQL, Bitbucket's `q` filter language, that the sandbox serves:
 * comparisons (`=`, `!=`, `~`, `!~`, `>`, `>=`, `<`, `<=`, `IN`, `NOT IN`) on dotted field paths,
 * combined with AND/OR and parentheses; values are "double-quoted" strings, numbers, null,
 * true/false, unquoted ISO-8601 datetimes (offset optional, UTC assumed) and (lists).
 * Grammar and types: Bitbucket Cloud REST docs, "Filter and sort API objects".
 */
import { parseIsoMicros } from "./timestamps.ts";

/** A comparison operator. */
export type BbqlOperator = "=" | "!=" | "~" | "!~" | ">" | ">=" | "<" | "<=" | "IN" | "NOT IN";

/** A literal on the right-hand side of a comparison. */
export type BbqlValue =
  | { type: "string"; value: string }
  | { type: "number"; value: number }
  | { type: "datetime"; micros: number }
  | { type: "boolean"; value: boolean }
  | { type: "null" }
  | { type: "list"; items: BbqlValue[] };

/** One comparison: `field operator value`. */
export interface BbqlComparison {
  kind: "compare";
  field: string;
  operator: BbqlOperator;
  value: BbqlValue;
}

/** A parsed query. */
export type BbqlNode = { kind: "and" | "or"; left: BbqlNode; right: BbqlNode } | BbqlComparison;

/** The outcome of parsing: the tree, or why the query is invalid (Bitbucket answers 400). */
export type BbqlParseResult = { ok: true; query: BbqlNode } | { ok: false; message: string };

type Token =
  | { kind: "word"; text: string; at: number }
  | { kind: "string"; text: string; at: number }
  | { kind: "number"; value: number; at: number }
  | { kind: "datetime"; micros: number; at: number }
  | { kind: "operator" | "punct"; text: string; at: number };

const DATETIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?/;
const NUMBER = /^-?\d+(?:\.\d+)?/;
const WORD = /^[A-Za-z_][A-Za-z0-9_.]*/;
const OPERATOR = /^(?:!=|!~|>=|<=|=|~|>|<)/;

/** Parses a `q` value. */
export function parseBbql(source: string): BbqlParseResult {
  try {
    const tokens = tokenize(source);
    const parser = createParser(tokens);
    const query = parser.orExpression();
    parser.expectEnd();
    return { ok: true, query };
  } catch (error) {
    if (error instanceof SyntaxError) return { ok: false, message: error.message };
    throw error;
  }
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < source.length) {
    const rest = source.slice(at);
    const space = /^\s+/.exec(rest);
    if (space) {
      at += space[0].length;
      continue;
    }
    const char = rest[0] ?? "";
    if ("(),".includes(char)) {
      tokens.push({ kind: "punct", text: char, at });
      at += 1;
    } else if (char === '"') {
      const { text, length } = readString(rest, at);
      tokens.push({ kind: "string", text, at });
      at += length;
    } else {
      const [token, length] = readBare(rest, at);
      tokens.push(token);
      at += length;
    }
  }
  return tokens;
}

function readString(rest: string, at: number): { text: string; length: number } {
  let text = "";
  for (let i = 1; i < rest.length; i++) {
    const char = rest[i];
    if (char === "\\") {
      text += rest[i + 1] ?? "";
      i++;
    } else if (char === '"') {
      return { text, length: i + 1 };
    } else {
      text += char;
    }
  }
  throw new SyntaxError(`unterminated string at position ${at}`);
}

function readBare(rest: string, at: number): [Token, number] {
  const datetime = DATETIME.exec(rest);
  if (datetime) {
    const micros = parseIsoMicros(datetime[0]);
    if (micros === undefined) throw new SyntaxError(`invalid datetime "${datetime[0]}" at position ${at}`);
    return [{ kind: "datetime", micros, at }, datetime[0].length];
  }
  const number = NUMBER.exec(rest);
  if (number) return [{ kind: "number", value: Number(number[0]), at }, number[0].length];
  const word = WORD.exec(rest);
  if (word) return [{ kind: "word", text: word[0], at }, word[0].length];
  const operator = OPERATOR.exec(rest);
  if (operator) return [{ kind: "operator", text: operator[0], at }, operator[0].length];
  throw new SyntaxError(`unexpected character "${rest[0]}" at position ${at}`);
}

function createParser(tokens: Token[]) {
  let index = 0;
  const peek = (): Token | undefined => tokens[index];
  const isWord = (token: Token | undefined, word: string): boolean =>
    token?.kind === "word" && token.text.toUpperCase() === word;
  const isPunct = (token: Token | undefined, text: string): boolean => token?.kind === "punct" && token.text === text;
  const fail = (expected: string): never => {
    const token = peek();
    throw new SyntaxError(
      token ? `expected ${expected} at position ${token.at}` : `expected ${expected} at the end of the query`,
    );
  };
  const expectPunct = (text: string): void => {
    if (!isPunct(peek(), text)) fail(`"${text}"`);
    index++;
  };

  const value = (): BbqlValue => {
    const token = peek();
    if (isPunct(token, "(")) {
      index++;
      const items = [value()];
      while (isPunct(peek(), ",")) {
        index++;
        items.push(value());
      }
      expectPunct(")");
      return { type: "list", items };
    }
    index++;
    if (token?.kind === "string") return { type: "string", value: token.text };
    if (token?.kind === "number") return { type: "number", value: token.value };
    if (token?.kind === "datetime") return { type: "datetime", micros: token.micros };
    if (token?.kind === "word" && token.text === "null") return { type: "null" };
    if (token?.kind === "word" && (token.text === "true" || token.text === "false")) {
      return { type: "boolean", value: token.text === "true" };
    }
    index--;
    return fail("a value");
  };

  const comparison = (): BbqlNode => {
    const field = peek();
    if (field?.kind !== "word" || ["AND", "OR", "IN", "NOT"].includes(field.text.toUpperCase())) {
      return fail("a field name");
    }
    index++;
    let operator: BbqlOperator;
    const token = peek();
    if (token?.kind === "operator") {
      operator = token.text as BbqlOperator;
      index++;
    } else if (isWord(token, "IN")) {
      operator = "IN";
      index++;
    } else if (isWord(token, "NOT") && isWord(tokens[index + 1], "IN")) {
      operator = "NOT IN";
      index += 2;
    } else {
      return fail("an operator");
    }
    const literal = value();
    if ((operator === "IN" || operator === "NOT IN") !== (literal.type === "list")) {
      throw new SyntaxError(`operator ${operator} does not take this value (field "${field.text}")`);
    }
    return { kind: "compare", field: field.text, operator, value: literal };
  };

  const primary = (): BbqlNode => {
    if (!isPunct(peek(), "(")) return comparison();
    index++;
    const inner = orExpression();
    expectPunct(")");
    return inner;
  };

  const andExpression = (): BbqlNode => {
    let left = primary();
    while (isWord(peek(), "AND")) {
      index++;
      left = { kind: "and", left, right: primary() };
    }
    return left;
  };

  const orExpression = (): BbqlNode => {
    let left = andExpression();
    while (isWord(peek(), "OR")) {
      index++;
      left = { kind: "or", left, right: andExpression() };
    }
    return left;
  };

  return {
    orExpression,
    expectEnd: () => {
      if (peek()) fail("AND, OR or the end of the query");
    },
  };
}
