/**
 * Random access to a bundle's bytes — a file, or a buffer in tests — so the reader can check the tar's
 * structure block by block and stream the records entry without loading the file.
 */
import fs from "node:fs";
import { Readable } from "node:stream";
import { UsageError } from "../errors.ts";

/** A bundle's bytes. */
export interface BundleSource {
  readonly size: number;
  /** Exactly `length` bytes at `offset` (fewer only at the end of the source). */
  read(offset: number, length: number): Promise<Buffer>;
  /** A stream of `length` bytes from `offset`. */
  stream(offset: number, length: number): Readable;
  close(): Promise<void>;
}

/** Opens a bundle file; a missing or unreadable file is a usage error naming it. */
export async function openBundleFile(file: string): Promise<BundleSource> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, "r");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`Cannot read the bundle ${file} (${code ?? "unreadable"}).`, { cause: error });
  }
  const { size } = await handle.stat();
  return {
    size,
    async read(offset, length) {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      let done = 0;
      while (done < buffer.length) {
        const { bytesRead } = await handle.read(buffer, done, buffer.length - done, offset + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return buffer.subarray(0, done);
    },
    stream(offset, length) {
      if (length === 0) return Readable.from([]);
      return fs.createReadStream(file, { start: offset, end: offset + length - 1, highWaterMark: 1 << 20 });
    },
    close: () => handle.close(),
  };
}

/** A bundle held in memory (tests, the sandbox's copy). */
export function bufferSource(buffer: Buffer): BundleSource {
  return {
    size: buffer.length,
    read: async (offset, length) => buffer.subarray(offset, Math.min(buffer.length, offset + length)),
    stream: (offset, length) => Readable.from([buffer.subarray(offset, offset + length)]),
    close: async () => {},
  };
}
