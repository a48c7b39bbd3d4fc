import { NodeDiagnosticsError, NodeDiagnosticsErrorCode } from '../errors';
import { ByteReader } from './byte-reader';

const BLOCK = 512;

/** One entry of a tar archive. Read `body()` before asking for the next entry, or it is skipped. */
export interface TarEntry {
  /** Path as stored (PAX `path` and GNU long names applied), not yet normalised. */
  path: string;
  type: 'file' | 'directory' | 'symlink' | 'other';
  size: number;
  body(): AsyncIterable<Buffer>;
}

function text(header: Buffer, start: number, length: number): string {
  const field = header.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString('utf8');
}

function numeric(header: Buffer, start: number, length: number): number {
  const first = header[start] ?? 0;
  if (first & 0x80) {
    // GNU base-256 for sizes above 8 GB
    let value = 0;
    for (let i = start + 1; i < start + length; i += 1) value = value * 256 + (header[i] ?? 0);
    return value;
  }
  const raw = text(header, start, length).trim();
  return raw === '' ? 0 : Number.parseInt(raw, 8);
}

function checksumOk(header: Buffer): boolean {
  const stored = numeric(header, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i += 1) sum += i >= 148 && i < 156 ? 32 : (header[i] ?? 0);
  return sum === stored;
}

function paxRecords(data: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(32, offset);
    if (space === -1) break;
    const length = Number.parseInt(data.subarray(offset, space).toString('ascii'), 10);
    if (!Number.isFinite(length) || length <= 0) break;
    const record = data.subarray(space + 1, offset + length - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) records.set(record.slice(0, eq), record.slice(eq + 1));
    offset += length;
  }
  return records;
}

async function readAll(reader: ByteReader, size: number, limit: number): Promise<Buffer> {
  if (size > limit) {
    throw new NodeDiagnosticsError(
      NodeDiagnosticsErrorCode.BundleInvalid,
      `a tar extended header is ${size} bytes; the limit is ${limit}`,
    );
  }
  const parts: Buffer[] = [];
  for await (const chunk of reader.stream(size)) parts.push(chunk);
  return Buffer.concat(parts);
}

const padding = (size: number) => (BLOCK - (size % BLOCK)) % BLOCK;

/**
 * Reads a tar stream (ustar, GNU long names, PAX headers) entry by entry, holding no more than one
 * header in memory. Entries are names and bytes only: nothing is written to disk, links are
 * reported but never followed.
 */
export async function* readTar(source: AsyncIterable<Uint8Array>): AsyncGenerator<TarEntry> {
  const reader = new ByteReader(source);
  let longName: string | undefined;
  let pax = new Map<string, string>();
  try {
    for (;;) {
      const header = await reader.read(BLOCK);
      if (!header) return;
      if (header.every((byte) => byte === 0)) return;
      if (!checksumOk(header)) {
        throw new NodeDiagnosticsError(
          NodeDiagnosticsErrorCode.BundleInvalid,
          'the archive is not a valid tar file (a header checksum does not match)',
        );
      }
      const typeflag = String.fromCharCode(header[156] ?? 48);
      let size = numeric(header, 124, 12);
      if (typeflag === 'L') {
        longName = (await readAll(reader, size, 64 * 1024)).toString('utf8').replace(/\0+$/, '');
        await reader.skip(padding(size));
        continue;
      }
      if (typeflag === 'x' || typeflag === 'g') {
        const records = paxRecords(await readAll(reader, size, 1024 * 1024));
        await reader.skip(padding(size));
        if (typeflag === 'x') pax = records;
        continue;
      }
      const prefix = text(header, 257, 6).startsWith('ustar') ? text(header, 345, 155) : '';
      const name = text(header, 0, 100);
      const path = pax.get('path') ?? longName ?? (prefix ? `${prefix}/${name}` : name);
      const paxSize = pax.get('size');
      if (paxSize !== undefined) size = Number.parseInt(paxSize, 10);
      longName = undefined;
      pax = new Map();
      const type: TarEntry['type'] =
        typeflag === '0' || typeflag === '\0' || typeflag === '7'
          ? 'file'
          : typeflag === '5'
            ? 'directory'
            : typeflag === '2' || typeflag === '1'
              ? 'symlink'
              : 'other';
      const dataSize = type === 'directory' || type === 'symlink' ? 0 : size;
      let consumed = 0;
      const entry: TarEntry = {
        path,
        type,
        size: dataSize,
        async *body() {
          for await (const chunk of reader.stream(dataSize - consumed)) {
            consumed += chunk.length;
            yield chunk;
          }
        },
      };
      yield entry;
      const left = dataSize - consumed;
      consumed = dataSize;
      const skipped = await reader.skip(left + padding(dataSize));
      if (skipped < left) {
        throw new NodeDiagnosticsError(
          NodeDiagnosticsErrorCode.BundleInvalid,
          'the archive ends in the middle of a file (truncated download?)',
        );
      }
    }
  } finally {
    await reader.close();
  }
}
