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
      yield { path, size, read: () => createReadStream(file, { highWaterMark: 256 * 1024 }) };
    }
  }
}

/** A bundle extracted into a folder. `dir` must already be a resolved, allowed path. */
export function folderBundle(dir: string, ref: string): BundleSource {
  return { ref, name: basename(dir), kind: 'folder', files: () => walk(dir, '') };
}
