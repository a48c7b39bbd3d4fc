import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/**
 * The absolute path a bare program name runs as: the first executable file of that name in the
 * absolute folders of `path`. Relative entries (`.`, empty, `bin`) are skipped: they would resolve
 * inside the command's working folder, where an earlier command could have written a `kubectl`.
 * Undefined when none is found.
 */
export function resolveProgram(name: string, path: string): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue;
    const candidate = join(dir, name);
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not there, or not executable: next folder
    }
  }
  return undefined;
}
