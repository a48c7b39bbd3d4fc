import { lstat, realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { NodeDiagnosticsError, NodeDiagnosticsErrorCode } from '../errors';

function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * Resolves a bundle path given by a caller against the allowed roots. Refuses NUL bytes, `..`
 * segments, and anything whose real path (symlinks resolved) is outside every root, so a tool
 * input cannot read `/etc/shadow` or walk out through a link. Relative paths resolve against the
 * first root.
 */
export async function resolveBundlePath(input: string, roots: readonly string[]): Promise<string> {
  const refuse = (why: string) =>
    new NodeDiagnosticsError(
      NodeDiagnosticsErrorCode.PathNotAllowed,
      `the bundle path is not allowed: ${why}. Give a path inside the bundle root (${roots.length} configured; set FAULTLINE_BUNDLE_ROOT).`,
    );
  if (input.includes('\0')) throw refuse('it contains a NUL byte');
  if (input.split(/[\\/]/).includes('..')) throw refuse('it contains a ".." segment');
  if (roots.length === 0) throw refuse('no bundle root is configured');
  const realRoots = await Promise.all(roots.map((root) => realpath(root).catch(() => resolve(root))));
  const candidate = resolve(realRoots[0] as string, input);
  if (!realRoots.some((root) => inside(root, candidate))) throw refuse('it is outside the bundle root');
  try {
    await lstat(candidate);
  } catch {
    throw new NodeDiagnosticsError(
      NodeDiagnosticsErrorCode.BundleNotFound,
      `no bundle at "${input}" under the bundle root; list the folder or collect one with collect_node_diagnostics`,
    );
  }
  const real = await realpath(candidate);
  if (!realRoots.some((root) => inside(root, real)))
    throw refuse('it resolves (through a symlink) outside the bundle root');
  return real;
}
