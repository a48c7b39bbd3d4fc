import type { BundleSource } from './bundle-source';
import { forEachLine } from './line-reader';

/** Reads one file of a bundle as text (capped at `maxBytes`); `undefined` when the bundle lacks it. */
export async function readBundleFile(
  source: BundleSource,
  path: string,
  maxBytes = 16 * 1024 * 1024,
): Promise<string | undefined> {
  for await (const file of source.files()) {
    if (file.path !== path) continue;
    const lines: string[] = [];
    let size = 0;
    await forEachLine(file.read(), (line) => {
      size += line.length + 1;
      if (size > maxBytes) return false;
      lines.push(line);
      return undefined;
    });
    return lines.join('\n');
  }
  return undefined;
}
