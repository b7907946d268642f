/**
 * The few bytes of POSIX ustar (pax `ustar` format, IEEE Std 1003.1) a bundle needs: regular-file headers of
 * 512 bytes, data padded to 512, two zero blocks at the end. Written here rather than through a tar library
 * because a bundle is always the same three entries, and because verification wants the opposite of a
 * tolerant reader: a header must be byte-for-byte what this writer makes, so that a byte flipped anywhere
 * in a bundle — header, padding or trailer included — is detected.
 */

/** Size of a tar block. */
export const BLOCK = 512;

/** The largest entry size the 11-octal-digit size field holds (8 GiB - 1). */
export const MAX_ENTRY_SIZE = 8 ** 11 - 1;

/** The two zero blocks that end an archive. */
export const TRAILER = Buffer.alloc(2 * BLOCK);

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, "0")}\0`;
}

/** The 512-byte header of a regular file `name` (≤ 100 bytes, ASCII) of `size` bytes. */
export function tarHeader(name: string, size: number, mtimeSeconds: number): Buffer {
  if (!/^[\x21-\x7e]{1,100}$/.test(name)) throw new Error(`unsupported tar entry name: ${name}`);
  if (!Number.isSafeInteger(size) || size < 0 || size > MAX_ENTRY_SIZE) throw new Error(`entry too large: ${size}`);
  const header = Buffer.alloc(BLOCK);
  header.write(name, 0, "ascii");
  header.write(octal(0o644, 8), 100, "ascii");
  header.write(octal(0, 8), 108, "ascii");
  header.write(octal(0, 8), 116, "ascii");
  header.write(octal(size, 12), 124, "ascii");
  header.write(octal(Math.max(0, Math.floor(mtimeSeconds)), 12), 136, "ascii");
  header.write("        ", 148, "ascii");
  header.write("0", 156, "ascii");
  header.write("ustar\u000000", 257, "ascii");
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "ascii");
  return header;
}

/** Zero bytes that pad `size` bytes of data to a whole block. */
export function padding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}

/** A header as read back. */
export interface ParsedHeader {
  name: string;
  size: number;
  mtimeSeconds: number;
}

/**
 * Parses a header and checks that it is exactly the canonical header of its name, size and time; returns
 * undefined for anything else (a foreign tar, a damaged header).
 */
export function parseHeader(block: Buffer): ParsedHeader | undefined {
  if (block.length !== BLOCK) return undefined;
  const nameEnd = block.indexOf(0);
  const name = block.toString("ascii", 0, nameEnd < 0 || nameEnd > 100 ? 100 : nameEnd);
  const size = readOctal(block, 124, 12);
  const mtimeSeconds = readOctal(block, 136, 12);
  if (size === undefined || mtimeSeconds === undefined) return undefined;
  let canonical: Buffer;
  try {
    canonical = tarHeader(name, size, mtimeSeconds);
  } catch {
    return undefined;
  }
  return canonical.equals(block) ? { name, size, mtimeSeconds } : undefined;
}

function readOctal(block: Buffer, offset: number, width: number): number | undefined {
  const text = block.toString("ascii", offset, offset + width);
  if (!/^[0-7]+\0$/.test(text)) return undefined;
  return Number.parseInt(text.slice(0, -1), 8);
}
