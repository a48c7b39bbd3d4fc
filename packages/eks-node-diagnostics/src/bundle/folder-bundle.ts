import { createReadStream } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { normalizeBundlePath } from './bundle-path';
import type { BundleFile, BundleSource } from './bundle-source';

async function* walk(root: string, dir: string): AsyncGenerator<BundleFile> {
  const entries = (await readdir(join(root, dir), { withFileTypes: true })).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const entry of entries) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    // Symlinks are never followed: a link inside a bundle could point anywhere on the host.
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) {
      yield* walk(root, rel);
    } else if (entry.isFile()) {
      const path = normalizeBundlePath(rel);
      if (!path) continue;
      const file = join(root, rel);
      const { size } = await lstat(file);
      // Reads of up to 256 KiB, but no bigger than the file: a stream allocates a buffer of its
      // whole high-water mark for every read, and most files of a bundle are a few hundred bytes.
      const highWaterMark = Math.min(256 * 1024, Math.max(1024, size + 1));
      yield { path, size, read: () => createReadStream(file, { highWaterMark }) };
    }
  }
}

/** A bundle extracted into a folder. `dir` must already be a resolved, allowed path. */
export function folderBundle(dir: string, ref: string): BundleSource {
  return { ref, name: basename(dir), kind: 'folder', files: () => walk(dir, '') };
}
