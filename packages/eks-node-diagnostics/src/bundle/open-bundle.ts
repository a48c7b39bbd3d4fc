import { open, stat } from 'node:fs/promises';
import { NodeDiagnosticsError, NodeDiagnosticsErrorCode } from '../errors';
import { archiveBundle } from './archive-bundle';
import type { BundleSource } from './bundle-source';
import { folderBundle } from './folder-bundle';
import { type S3ClientOptions, s3Bundle } from './s3-bundle';
import { resolveBundlePath } from './safe-path';

/** Options of {@link openBundle}. */
export interface OpenBundleOptions {
  /** Folders local bundles must live in (real paths; symlinks out of them are refused). */
  roots: readonly string[];
  /** S3 access for s3:// URIs. */
  s3?: S3ClientOptions;
}

async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/**
 * Opens a bundle named by a tool input: an `s3://bucket/key` URI, a local `.tar.gz`, or a local
 * folder, which must sit inside one of `roots`.
 */
export async function openBundle(ref: string, options: OpenBundleOptions): Promise<BundleSource> {
  if (ref.startsWith('s3://')) return s3Bundle(ref, options.s3 ?? {});
  const path = await resolveBundlePath(ref, options.roots);
  const info = await stat(path);
  if (info.isDirectory()) return folderBundle(path, ref);
  if (info.isFile() && (await isGzip(path))) return archiveBundle(path, ref);
  throw new NodeDiagnosticsError(
    NodeDiagnosticsErrorCode.BundleInvalid,
    `"${ref}" is neither a folder nor a .tar.gz bundle (as eks-log-collector.sh writes it)`,
  );
}
