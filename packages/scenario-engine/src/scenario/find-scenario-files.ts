import type { Dirent } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ScenarioEngineError, ScenarioEngineErrorCode } from '../errors';

/** Largest scenario file read, in bytes (the parser refuses larger ones too). */
export const MAX_SCENARIO_FILE_BYTES = 1_000_000;

const YAML_FILE = /\.ya?ml$/i;
const SCENARIO_MARKER = /^meta\s*:/m;

/** True when `target` is `root` or below it. */
function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** A path relative to the root with `/` separators. */
const portable = (root: string, path: string) => relative(root, path).split(sep).join('/');

/** A scenario file found under a root: its real path and its path relative to the root. */
export interface ScenarioFileEntry {
  absolute: string;
  relative: string;
}

/** What {@link findScenarioFiles} found. */
export interface ScenarioSearch {
  /** The root, symlinks resolved. */
  root: string;
  /** Scenario files (YAML with a top-level `meta:` key), sorted, relative to the root. */
  files: ScenarioFileEntry[];
  /** YAML files that are not scenarios (no top-level `meta:` key). */
  otherYamlFiles: number;
  /** Files left out, with why (a symlink out of the root, too large, unreadable). */
  skipped: Array<{ path: string; reason: string }>;
  /** True when the search stopped at `maxFiles` or `maxDepth`. */
  truncated: boolean;
}

/**
 * Scenario files under a folder, recursively (at most `maxDepth` folders deep, default 6, and
 * `maxFiles` files, default 500), skipping dot folders, node_modules and the `exclude` folders (a
 * runs folder, whose runs hold copies of the scenarios they ran). Symlinked folders are never
 * followed, so a link loop cannot hang or overflow the search; a symlinked file is listed only when
 * its target is inside the root. Throws a ScenarioEngineError (SCENARIO_ROOT_INVALID) when the root
 * is not a folder.
 */
export async function findScenarioFiles(
  root: string,
  options: { maxDepth?: number; maxFiles?: number; exclude?: readonly string[] } = {},
): Promise<ScenarioSearch> {
  const maxDepth = options.maxDepth ?? 6;
  const maxFiles = options.maxFiles ?? 500;
  const base = await realpath(root).catch(() => undefined);
  if (!base || !(await stat(base)).isDirectory()) {
    throw new ScenarioEngineError(
      ScenarioEngineErrorCode.ScenarioRootInvalid,
      `${root} is not a folder: nothing to list`,
    );
  }
  const excluded = new Set(
    await Promise.all((options.exclude ?? []).map((dir) => realpath(dir).catch(() => resolve(dir)))),
  );
  const search: ScenarioSearch = { root: base, files: [], otherYamlFiles: 0, skipped: [], truncated: false };

  const consider = async (path: string) => {
    const real = await realpath(path).catch(() => undefined);
    if (!real || !inside(base, real)) {
      search.skipped.push({ path: portable(base, path), reason: 'a symlink to outside the scenario root' });
      return;
    }
    let text: string;
    try {
      const info = await stat(real);
      if (!info.isFile()) return;
      if (info.size > MAX_SCENARIO_FILE_BYTES) {
        search.skipped.push({
          path: portable(base, path),
          reason: `larger than ${MAX_SCENARIO_FILE_BYTES} bytes`,
        });
        return;
      }
      text = await readFile(real, 'utf8');
    } catch {
      search.skipped.push({ path: portable(base, path), reason: 'not readable by the server' });
      return;
    }
    if (!SCENARIO_MARKER.test(text)) {
      search.otherYamlFiles += 1;
      return;
    }
    search.files.push({ absolute: real, relative: portable(base, path) });
  };

  const walk = async (dir: string, depth: number): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (search.files.length >= maxFiles) {
        search.truncated = true;
        return;
      }
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (excluded.has(path)) continue;
        if (depth >= maxDepth) search.truncated = true;
        else await walk(path, depth + 1);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && YAML_FILE.test(entry.name)) {
        await consider(path);
      }
    }
  };
  await walk(base, 0);
  return search;
}
