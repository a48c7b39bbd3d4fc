import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/workspace';

const page = readFileSync(join(repoRoot, 'docs', 'getting-started.md'), 'utf8');
const bin = join(repoRoot, 'apps', 'cli', 'dist', 'index.js');

interface Step {
  script: string;
  /** The ```text block that follows, when there is one: what the step prints. */
  expected?: string;
}

/** The ```bash blocks after "## 2." (section 1 installs and builds, which the test run has done). */
function steps(): Step[] {
  const from = page.indexOf('## 2.');
  const blocks = [...page.slice(from).matchAll(/```(bash|text)\n([\s\S]*?)```/g)];
  const result: Step[] = [];
  for (const [, kind, body] of blocks) {
    if (kind === 'bash') result.push({ script: body as string });
    else if (result.length > 0) (result[result.length - 1] as Step).expected = body;
  }
  return result;
}

/** A printed line as a pattern: `…` stands for anything, numbers for any number. */
function linePattern(line: string): RegExp {
  const escaped = line
    .trim()
    .split('…')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\d+/g, '\\d+'))
    .join('.*');
  return new RegExp(escaped);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let work: string;
let ports: { port: number; proxy: number };

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'faultline-getting-started-'));
  symlinkSync(join(repoRoot, 'examples'), join(work, 'examples'), 'dir');
  symlinkSync(join(repoRoot, 'apps'), join(work, 'apps'), 'dir');
  ports = { port: await freePort(), proxy: await freePort() };
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('docs/getting-started.md', () => {
  it('has the steps this test runs', () => {
    expect(steps().length).toBeGreaterThanOrEqual(6);
  });

  it('works as written, step by step, with the output it shows', () => {
    for (const step of steps()) {
      // Act: each block as a shell script, `faultline` being the built bin (the alias of step 1).
      const result = spawnSync('sh', ['-ec', `faultline() { node '${bin}' "$@"; }\n${step.script}`], {
        cwd: work,
        encoding: 'utf8',
        timeout: 60_000,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: work,
          AWS_EC2_METADATA_DISABLED: 'true',
          // The scenario's ports, moved so this test never collides with another run of the example.
          FAULTLINE_BINDING_PORT: String(ports.port),
          FAULTLINE_BINDING_PROXY_PORT: String(ports.proxy),
        },
      });

      // Assess
      expect({ script: step.script, status: result.status, stderr: result.stderr }).toMatchObject({
        status: 0,
      });
      for (const line of (step.expected ?? '').split('\n').filter((l) => l.trim() && l.trim() !== '…')) {
        expect(result.stdout, step.script).toMatch(linePattern(line));
      }
    }
  }, 120_000);
});
