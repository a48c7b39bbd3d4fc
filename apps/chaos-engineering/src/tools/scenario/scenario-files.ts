import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ChaosServerError, ChaosServerErrorCode } from '../../errors';

/** Largest scenario file read, in bytes. */
export const MAX_SCENARIO_BYTES = 1_000_000;

const YAML_FILE = /\.ya?ml$/i;

/** True when `target` is `root` or below it. */
function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** A path relative to the root with `/` separators, as tools show and accept it. */
const portable = (root: string, path: string) => relative(root, path).split(sep).join('/');

function refuse(field: string, why: string): ChaosServerError {
  return new ChaosServerError(
    ChaosServerErrorCode.PathNotAllowed,
    `${field}: the path is not allowed: ${why}. Give a path relative to the scenario root, as list_scenarios returns it ` +
      '(the root is FAULTLINE_SCENARIO_ROOT, else ./scenarios, else the server’s working directory).',
    { data: { field } },
  );
}

/** The scenario root with symlinks resolved; a clear error when it does not exist. */
export async function realRoot(root: string): Promise<string> {
  try {
    const real = await realpath(root);
    if ((await stat(real)).isDirectory()) return real;
  } catch {
    // reported below
  }
  throw new ChaosServerError(
    ChaosServerErrorCode.ScenarioNotFound,
    'the server’s scenario root is not a folder; create it, or point FAULTLINE_SCENARIO_ROOT at the folder that holds your scenarios',
  );
}

/** A scenario file inside the root: its real path and the path relative to the root. */
export interface ScenarioFile {
  absolute: string;
  relative: string;
}

/**
 * Resolves a scenario path given by a caller (relative to the root, or absolute inside it). Refuses
 * NUL bytes, `..` segments, anything outside the root, and symlinks whose target is outside it,
 * so a tool input can neither read nor run a file the operator did not put under the root.
 */
export async function resolveScenarioPath(
  root: string,
  input: string,
  field = 'path',
): Promise<ScenarioFile> {
  if (input.includes('\0')) throw refuse(field, 'it contains a NUL byte');
  if (input.split(/[\\/]/).includes('..')) throw refuse(field, 'it contains a ".." segment');
  if (input.trim() === '') throw refuse(field, 'it is empty');
  const base = await realRoot(root);
  const candidate = resolve(base, input);
  const lexical = resolve(root, input);
  if (!inside(base, candidate) && !inside(resolve(root), lexical)) {
    throw refuse(field, 'it is outside the scenario root');
  }
  const path = inside(base, candidate) ? candidate : lexical;
  try {
    await lstat(path);
  } catch {
    throw new ChaosServerError(
      ChaosServerErrorCode.ScenarioNotFound,
      `${field}: no file "${input}" under the scenario root; call list_scenarios to see the scenarios there`,
      { data: { field } },
    );
  }
  const real = await realpath(path);
  if (!inside(base, real)) throw refuse(field, 'it resolves (through a symlink) outside the scenario root');
  const info = await stat(real);
  if (!info.isFile()) {
    throw new ChaosServerError(ChaosServerErrorCode.InvalidInput, `${field}: "${input}" is not a file`, {
      data: { field },
    });
  }
  if (!YAML_FILE.test(real)) {
    throw new ChaosServerError(
      ChaosServerErrorCode.InvalidInput,
      `${field}: "${input}" is not a scenario file (.yaml or .yml)`,
      { data: { field } },
    );
  }
  if (info.size > MAX_SCENARIO_BYTES) {
    throw new ChaosServerError(
      ChaosServerErrorCode.InvalidInput,
      `${field}: "${input}" is ${info.size} bytes; scenario files are limited to ${MAX_SCENARIO_BYTES} bytes`,
      { data: { field } },
    );
  }
  return { absolute: real, relative: portable(base, real) };
}

/** Reads a resolved scenario file. */
export function readScenarioFile(file: ScenarioFile): Promise<string> {
  return readFile(file.absolute, 'utf8');
}

/** Run ids the engine makes (`20250101T120000Z-3fa2c1`) and any other id safe as one folder name. */
export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * The folder of a run under the runs folder, or undefined when there is none. The id must match
 * {@link RUN_ID_PATTERN} (no separators, no dots), and the folder must not be a symlink.
 */
export async function runFolder(
  runsDir: string,
  runId: string,
  field = 'run_id',
): Promise<string | undefined> {
  if (!RUN_ID_PATTERN.test(runId)) {
    throw new ChaosServerError(
      ChaosServerErrorCode.PathNotAllowed,
      `${field}: "${runId.slice(0, 80)}" is not a run id (letters, digits, - and _, as run_scenario returns it)`,
      { data: { field } },
    );
  }
  const dir = join(runsDir, runId);
  const info = await lstat(dir).catch(() => undefined);
  if (!info) return undefined;
  if (info.isSymbolicLink() || !info.isDirectory()) {
    throw new ChaosServerError(
      ChaosServerErrorCode.PathNotAllowed,
      `${field}: run ${runId} is not a folder of the runs folder`,
      { data: { field } },
    );
  }
  return dir;
}
