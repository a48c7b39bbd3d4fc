import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import type { ReadinessCheck } from '@faultline/server-runtime';

const codeOf = (error: unknown) => (error as { code?: string }).code ?? (error as Error).name;

/**
 * Whether every bundle root (FAULTLINE_BUNDLE_ROOT) is a folder the server can read: without it no
 * local bundle can be analysed. The reason counts and codes the failing roots but never names their
 * paths, since /ready answers without authentication. s3:// bundles and collection do not depend on it.
 */
export async function bundleRootCheck(roots: readonly string[]): Promise<ReadinessCheck> {
  const failures: string[] = [];
  await Promise.all(
    roots.map(async (root, index) => {
      try {
        if (!(await stat(root)).isDirectory())
          throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
        await access(root, constants.R_OK | constants.X_OK);
      } catch (error) {
        failures.push(`root ${index + 1} (${codeOf(error)})`);
      }
    }),
  );
  if (failures.length === 0) return { name: 'bundle_root', ok: true, roots: roots.length };
  return {
    name: 'bundle_root',
    ok: false,
    roots: roots.length,
    reason: `${failures.sort().join(', ')} of ${roots.length} bundle root(s) is not a readable folder: local bundles cannot be analysed`,
  };
}
