// The bundle root goes missing while the node-diagnostics server runs over HTTP on loopback: /ready
// turns 503 and names the check (not the path), and turns 200 again by itself when the folder is back.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type StartedServer, startServer } from '@faultline/server-runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../dist/index.js', import.meta.url));
let server: StartedServer;
let home: string;
let bundles: string;

interface Ready {
  status: number;
  body: { status: string; reason?: string; checks: Array<{ name: string; ok: boolean }> };
}
const ready = async (): Promise<Ready> => {
  const response = await fetch(`http://127.0.0.1:${server.port}/ready`);
  return { status: response.status, body: (await response.json()) as Ready['body'] };
};
async function readyUntil(status: number, timeoutMs = 10_000): Promise<Ready> {
  const deadline = Date.now() + timeoutMs;
  let last = await ready();
  while (last.status !== status && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    last = await ready();
  }
  return last;
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'fl-nd-ready-'));
  bundles = join(home, 'bundles');
  mkdirSync(bundles);
  server = await startServer([bin, '--transport', 'http', '--port', '0'], {
    FAULTLINE_BUNDLE_ROOT: bundles,
    AWS_EC2_METADATA_DISABLED: 'true',
  });
}, 30_000);

afterAll(async () => {
  await server?.stop();
  rmSync(home, { recursive: true, force: true });
});

describe('node-diagnostics /ready', () => {
  it('reports the bundle root, turns 503 when it goes, and 200 again when it is back', async () => {
    const up = await ready();
    expect(up.status).toBe(200);
    expect(up.body.checks).toContainEqual(expect.objectContaining({ name: 'bundle_root', ok: true }));

    rmSync(bundles, { recursive: true });
    const down = await readyUntil(503);
    expect(down.status).toBe(503);
    expect(down.body.reason).toMatch(/bundle_root: root 1 \(ENOENT\) of 1 bundle root/);
    expect(JSON.stringify(down.body)).not.toContain(home);

    mkdirSync(bundles);
    expect((await readyUntil(200)).status).toBe(200);
  });
});
