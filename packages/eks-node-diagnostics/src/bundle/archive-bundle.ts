import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { NodeDiagnosticsError, NodeDiagnosticsErrorCode } from '../errors';
import { normalizeBundlePath } from './bundle-path';
import type { BundleFile, BundleSource } from './bundle-source';
import { readTar } from './tar-reader';

/** Streams the files of a gzip-compressed tar, one at a time; nothing is extracted to disk. */
export async function* archiveFiles(open: () => Readable | Promise<Readable>): AsyncGenerator<BundleFile> {
  const gunzip = createGunzip();
  const input = await open();
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  try {
    for await (const entry of readTar(gunzip)) {
      if (entry.type !== 'file') continue;
      const path = normalizeBundlePath(entry.path);
      if (!path) continue;
      yield { path, size: entry.size, read: () => entry.body() };
    }
  } catch (error) {
    if (NodeDiagnosticsError.isInstance(error)) throw error;
    throw new NodeDiagnosticsError(
      NodeDiagnosticsErrorCode.BundleInvalid,
      'the bundle is not a readable .tar.gz (the gzip or tar stream is corrupt or truncated)',
      { cause: error },
    );
  } finally {
    input.unpipe(gunzip);
    input.destroy();
    gunzip.destroy();
  }
}

/** A local .tar.gz bundle. `file` must already be a resolved, allowed path. */
export function archiveBundle(file: string, ref: string): BundleSource {
  return {
    ref,
    name: basename(file),
    kind: 'archive',
    files: () => archiveFiles(() => createReadStream(file, { highWaterMark: 256 * 1024 })),
  };
}
