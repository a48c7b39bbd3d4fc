import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDiagnosticsError } from '../errors';
import { normalizeBundlePath } from './bundle-path';
import { resolveBundlePath } from './safe-path';

let base: string;
let root: string;
let outside: string;

beforeAll(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'fl-bundle-paths-')));
  root = join(base, 'root');
  outside = join(base, 'outside');
  await mkdir(join(root, 'bundle', 'kubelet'), { recursive: true });
  await mkdir(outside, { recursive: true });
  await writeFile(join(root, 'bundle', 'kubelet', 'kubelet.log'), 'ok\n');
  await writeFile(join(outside, 'secret.txt'), 'secret\n');
  await symlink(outside, join(root, 'escape'));
  await symlink('/etc', join(root, 'etc'));
  await symlink(join(root, 'bundle'), join(root, 'inner-link'));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const inside = (path: string) => {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep));
};

async function outcome(input: string): Promise<{ path?: string; code?: string; message?: string }> {
  try {
    return { path: await resolveBundlePath(input, [root]) };
  } catch (error) {
    expect(NodeDiagnosticsError.isInstance(error), `${JSON.stringify(input)} threw ${String(error)}`).toBe(
      true,
    );
    return { code: (error as NodeDiagnosticsError).code, message: (error as Error).message };
  }
}

describe('bundle paths (FAULTLINE_BUNDLE_ROOT) cannot leave the root', () => {
  it.each([
    ['..', 'NODE_DIAG_PATH_NOT_ALLOWED'],
    ['../outside/secret.txt', 'NODE_DIAG_PATH_NOT_ALLOWED'],
    ['bundle/../../outside', 'NODE_DIAG_PATH_NOT_ALLOWED'],
    ['bundle\\..\\..\\outside', 'NODE_DIAG_PATH_NOT_ALLOWED'],
    ['/etc/passwd', 'NODE_DIAG_PATH_NOT_ALLOWED'],
    ['/', 'NODE_DIAG_PATH_NOT_ALLOWED'],
    ['escape/secret.txt', 'NODE_DIAG_PATH_NOT_ALLOWED'],
    ['escape', 'NODE_DIAG_PATH_NOT_ALLOWED'],
    ['etc/passwd', 'NODE_DIAG_PATH_NOT_ALLOWED'],
    ['bundle\u0000/../../outside', 'NODE_DIAG_PATH_NOT_ALLOWED'],
    ['bundle/kubelet/kubelet.log\u0000.tar.gz', 'NODE_DIAG_PATH_NOT_ALLOWED'],
    ['%2e%2e/outside', 'NODE_DIAG_BUNDLE_NOT_FOUND'],
    ['%2e%2e%2foutside%2fsecret.txt', 'NODE_DIAG_BUNDLE_NOT_FOUND'],
    ['..%2f..%2fetc%2fpasswd', 'NODE_DIAG_BUNDLE_NOT_FOUND'],
    ['%252e%252e%252f', 'NODE_DIAG_BUNDLE_NOT_FOUND'],
    ['file:///etc/passwd', 'NODE_DIAG_BUNDLE_NOT_FOUND'],
  ])('refuses %j with %s and a clear message that names no private path', async (input, code) => {
    const result = await outcome(input);
    expect(result.code).toBe(code);
    expect(result.message).toMatch(/bundle/);
    expect(result.message).not.toContain(base);
  });

  it('accepts paths inside the root, a symlink that stays inside included', async () => {
    expect((await outcome('bundle')).path).toBe(join(root, 'bundle'));
    expect((await outcome(join(root, 'bundle'))).path).toBe(join(root, 'bundle'));
    expect((await outcome('inner-link/kubelet')).path).toBe(join(root, 'bundle', 'kubelet'));
  });

  it('resolves any input inside the root or refuses it with a coded error (1,500 inputs)', async () => {
    const segment = fc.oneof(
      fc.constantFrom(
        '..',
        '.',
        '',
        'bundle',
        'kubelet',
        'escape',
        'etc',
        'inner-link',
        'outside',
        '%2e%2e',
        '..%2f',
        '\u0000',
        '~',
        root,
        '/',
      ),
      fc.string({ maxLength: 6 }),
    );
    const input = fc.oneof(
      fc
        .array(segment, { minLength: 1, maxLength: 6 })
        .chain((parts) => fc.constantFrom('/', '\\').map((s) => parts.join(s))),
      fc.string({ unit: 'binary', maxLength: 60 }),
    );
    await fc.assert(
      fc.asyncProperty(input, async (value) => {
        const result = await outcome(value);
        if (result.path !== undefined)
          expect(inside(result.path), `${JSON.stringify(value)} → ${result.path}`).toBe(true);
        else expect(['NODE_DIAG_PATH_NOT_ALLOWED', 'NODE_DIAG_BUNDLE_NOT_FOUND']).toContain(result.code);
      }),
      { numRuns: 1500 },
    );
  });

  it('never reports a file name inside an archive or folder that could point out of it (5,000 names)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc
            .array(fc.constantFrom('..', '.', '', 'kubelet', 'x', '\u0000', '\\', 'eks_i-0abc'), {
              maxLength: 6,
            })
            .map((p) => p.join('/')),
          fc.string({ unit: 'binary', maxLength: 40 }),
        ),
        (name) => {
          const path = normalizeBundlePath(name);
          if (path === undefined) return;
          expect(path.split('/')).not.toContain('..');
          expect(path.startsWith('/')).toBe(false);
          expect(path.includes('\u0000') || path.includes('\\')).toBe(false);
        },
      ),
      { numRuns: 5000 },
    );
  });
});
