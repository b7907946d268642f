/**
 * Building blocks of the dashboard-card views (`status`, `doctor`, `disconnect`): a status mark — a
 * coloured dot on a colour terminal, a bracketed word otherwise so it survives mail and logs — and rows of
 * "label  value" wrapped to fit an 80-column terminal.
 */

/** The states a mark shows. */
export type MarkKind = "ok" | "warn" | "fail" | "skip";

/** The width every view fits in. */
export const SCREEN_WIDTH = 80;

const dots: Record<MarkKind, string> = {
  ok: "\u001b[32m●\u001b[0m",
  warn: "\u001b[33m●\u001b[0m",
  fail: "\u001b[31m●\u001b[0m",
  skip: "\u001b[2m○\u001b[0m",
};
const words: Record<MarkKind, string> = { ok: "[ok]", warn: "[??]", fail: "[!!]", skip: "[--]" };

/** A 4-column mark (a dot padded, or a bracketed word). */
export function mark(kind: MarkKind, colour: boolean): string {
  return colour ? `${dots[kind]}   ` : words[kind];
}

/** A card row: `<prefix><label padded><value>`, the value wrapped under itself. */
export function row(prefix: string, label: string, value: string, labelWidth: number): string {
  const head = `${prefix}${label.padEnd(labelWidth)} `;
  const indent = " ".repeat(visibleLength(prefix) + labelWidth + 1);
  return wrap(value, SCREEN_WIDTH - indent.length)
    .map((line, i) => (i === 0 ? `${head}${line}` : `${indent}${line}`))
    .join("\n");
}

/**
 * Splits text into lines of at most `width` characters at spaces. A longer word (a deep path) is broken
 * after a "/" where it can be, else anywhere: the view must fit, and a path still reads across the break.
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(" ")) {
      // The pieces of one broken word are never joined with a space: each after the first starts a line.
      breakWord(word, width).forEach((piece, i) => {
        if (line === "") line = piece;
        else if (i === 0 && line.length + 1 + piece.length <= width) line += ` ${piece}`;
        else {
          lines.push(line);
          line = piece;
        }
      });
    }
    lines.push(line);
  }
  return lines;
}

function breakWord(word: string, width: number): string[] {
  const pieces: string[] = [];
  let rest = word;
  while (rest.length > width) {
    const slash = rest.lastIndexOf("/", width - 1);
    const cut = slash > 0 ? slash + 1 : width;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  pieces.push(rest);
  return pieces;
}

function visibleLength(text: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes to measure the text.
  return text.replace(/\u001b\[[0-9;]*m/g, "").length;
}
