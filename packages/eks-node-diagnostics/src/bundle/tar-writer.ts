import { createReadStream } from 'node:fs';
import type { Writable } from 'node:stream';

const BLOCK = 512;

function octal(value: number, length: number): string {
  return `${value.toString(8).padStart(length - 1, '0')}\0`;
}

function splitName(path: string): { name: string; prefix: string } {
  if (Buffer.byteLength(path) <= 100) return { name: path, prefix: '' };
  const cut = path.lastIndexOf('/', 155);
  if (cut > 0 && Buffer.byteLength(path.slice(cut + 1)) <= 100) {
    return { name: path.slice(cut + 1), prefix: path.slice(0, cut) };
  }
  throw new RangeError(`tar: path too long for ustar: ${path}`);
}

/** A ustar header block for a regular file or a directory. */
export function tarHeader(
  path: string,
  size: number,
  type: 'file' | 'directory' = 'file',
  mtime = 0,
): Buffer {
  const header = Buffer.alloc(BLOCK, 0);
  const { name, prefix } = splitName(path);
  header.write(name, 0, 100, 'utf8');
  header.write(octal(type === 'directory' ? 0o755 : 0o644, 8), 100, 'ascii');
  header.write(octal(0, 8), 108, 'ascii');
  header.write(octal(0, 8), 116, 'ascii');
  header.write(octal(type === 'directory' ? 0 : size, 12), 124, 'ascii');
  header.write(octal(Math.floor(mtime / 1000), 12), 136, 'ascii');
  header.write('        ', 148, 'ascii');
  header.write(type === 'directory' ? '5' : '0', 156, 'ascii');
  header.write('ustar\0', 257, 'ascii');
  header.write('00', 263, 'ascii');
  header.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return header;
}

async function write(out: Writable, chunk: Buffer): Promise<void> {
  if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
}

/**
 * Writes files into a tar stream (regular files only), streaming each file's bytes from disk.
 * Used by the fixture generator; the caller pipes `out` through gzip.
 */
export async function writeTar(
  out: Writable,
  files: Array<{ path: string; file: string; size: number }>,
  mtime = 0,
): Promise<void> {
  for (const entry of files) {
    await write(out, tarHeader(entry.path, entry.size, 'file', mtime));
    for await (const chunk of createReadStream(entry.file)) await write(out, chunk as Buffer);
    const pad = (BLOCK - (entry.size % BLOCK)) % BLOCK;
    if (pad) await write(out, Buffer.alloc(pad, 0));
  }
  await write(out, Buffer.alloc(BLOCK * 2, 0));
}
