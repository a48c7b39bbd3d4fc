import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeDiagnosticsError } from '../errors';
import { normalizeBundlePath } from './bundle-path';
import { forEachLine } from './line-reader';
import { openBundle } from './open-bundle';
import { resolveBundlePath } from './safe-path';
import { readTar } from './tar-reader';
import { tarHeader } from './tar-writer';

let root: string;
let outside: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'faultline-root-'));
  outside = await mkdtemp(join(tmpdir(), 'faultline-outside-'));
  await mkdir(join(root, 'bundle', 'kubelet'), { recursive: true });
  await writeFile(join(root, 'bundle', 'kubelet', 'kubelet.log'), 'line one\nline two\n');
  await writeFile(join(outside, 'secret.txt'), 'not yours\n');
  await symlink(outside, join(root, 'escape'));
  await symlink(join(outside, 'secret.txt'), join(root, 'bundle', 'kubelet', 'linked.log'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

async function code(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return NodeDiagnosticsError.isInstance(error) ? error.code : String(error);
  }
}

function tar(entries: Array<{ path: string; body: string }>): Buffer {
  const parts: Buffer[] = [];
  for (const { path, body } of entries) {
    const data = Buffer.from(body);
    parts.push(tarHeader(path, data.length), data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

describe('bundle paths', () => {
  it('refuses .., NUL bytes, absolute paths elsewhere and symlinks out of the root', async () => {
    expect(await code(resolveBundlePath('../etc/passwd', [root]))).toBe('NODE_DIAG_PATH_NOT_ALLOWED');
    expect(await code(resolveBundlePath('bundle/../../x', [root]))).toBe('NODE_DIAG_PATH_NOT_ALLOWED');
    expect(await code(resolveBundlePath('bundle\0.tar.gz', [root]))).toBe('NODE_DIAG_PATH_NOT_ALLOWED');
    expect(await code(resolveBundlePath('/etc', [root]))).toBe('NODE_DIAG_PATH_NOT_ALLOWED');
    expect(await code(resolveBundlePath('escape', [root]))).toBe('NODE_DIAG_PATH_NOT_ALLOWED');
    expect(await code(resolveBundlePath('missing', [root]))).toBe('NODE_DIAG_BUNDLE_NOT_FOUND');
    expect(await resolveBundlePath('bundle', [root])).toMatch(/bundle$/);
  });

  it('never follows a symlink inside a bundle folder', async () => {
    const source = await openBundle('bundle', { roots: [root] });
    const paths: string[] = [];
    for await (const file of source.files()) paths.push(file.path);
    expect(paths).toEqual(['kubelet/kubelet.log']);
  });

  it('normalises archive names and drops unsafe ones', () => {
    expect(normalizeBundlePath('./eks_i-0abc_2026-11-02_1030-UTC_0.7.8/kubelet/kubelet.log')).toBe(
      'kubelet/kubelet.log',
    );
    expect(normalizeBundlePath('./var_log/messages')).toBe('var_log/messages');
    expect(normalizeBundlePath('../../etc/passwd')).toBeUndefined();
    expect(normalizeBundlePath('/etc/passwd')).toBeUndefined();
    expect(normalizeBundlePath('a\0b')).toBeUndefined();
  });
});

describe('readTar', () => {
  it('streams entries and skips bodies that are not read', async () => {
    const data = tar([
      { path: './kubelet/kubelet.log', body: 'a\nb\n' },
      { path: './system/ps.txt', body: 'x'.repeat(2000) },
      { path: './sysctls/sysctl_all.txt', body: 'net.ipv4.ip_forward = 1\n' },
    ]);
    const seen: Array<[string, string]> = [];
    for await (const entry of readTar(Readable.from([data.subarray(0, 700), data.subarray(700)]))) {
      if (entry.path.includes('ps.txt')) continue;
      let body = '';
      for await (const chunk of entry.body()) body += chunk.toString();
      seen.push([entry.path, body]);
    }
    expect(seen).toEqual([
      ['./kubelet/kubelet.log', 'a\nb\n'],
      ['./sysctls/sysctl_all.txt', 'net.ipv4.ip_forward = 1\n'],
    ]);
  });

  it('refuses a corrupt archive with a coded error', async () => {
    const data = tar([{ path: 'a', body: 'b' }]);
    data[10] = 0x41;
    const gz = join(root, 'corrupt.tar.gz');
    await writeFile(gz, gzipSync(data));
    const source = await openBundle('corrupt.tar.gz', { roots: [root] });
    expect(
      await code(
        (async () => {
          for await (const _ of source.files()) {
            /* drain */
          }
        })(),
      ),
    ).toBe('NODE_DIAG_BUNDLE_INVALID');
  });

  it('skips entries whose names escape the bundle', async () => {
    const gz = join(root, 'evil.tar.gz');
    await writeFile(
      gz,
      gzipSync(
        tar([
          { path: '../../etc/cron.d/x', body: 'boom' },
          { path: './var_log/messages', body: 'ok\n' },
        ]),
      ),
    );
    const source = await openBundle('evil.tar.gz', { roots: [root] });
    const paths: string[] = [];
    for await (const file of source.files()) paths.push(file.path);
    expect(paths).toEqual(['var_log/messages']);
  });
});

describe('forEachLine', () => {
  it('splits across chunks, handles CRLF and multi-byte characters, caps long lines', async () => {
    const stream = new PassThrough();
    const bytes = Buffer.from(`héllo\r\nwörld\n${'z'.repeat(100)}\nlast`);
    const lines: string[] = [];
    const done = forEachLine(
      stream,
      (line) => {
        lines.push(line);
        return undefined;
      },
      50,
    );
    for (let i = 0; i < bytes.length; i += 3) stream.write(bytes.subarray(i, i + 3));
    stream.end();
    const result = await done;
    expect(lines).toEqual(['héllo', 'wörld', 'z'.repeat(50), 'last']);
    expect(result).toMatchObject({ lines: 4, truncatedLines: 1 });
  });
});
