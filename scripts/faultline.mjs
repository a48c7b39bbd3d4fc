#!/usr/bin/env node
// Bootstrap for a machine that has only Node and npm: `npm run demo` and `npm test` work from a
// fresh clone. It gets pnpm through npm (corepack may not be able to download it), installs the
// workspace from the lockfile, builds it with turbo and then runs the requested job.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = '10.34.8';
const job = process.argv[2] ?? 'test';
const extra = process.argv.slice(3);
const isCi = Boolean(process.env.CI);

// AWS_EC2_METADATA_DISABLED: no test may look for credentials on the instance metadata endpoint.
const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
  AWS_EC2_METADATA_DISABLED: 'true',
};

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: false, env, ...options });
  if (result.error) {
    console.error(`faultline: could not run ${command}: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function pnpmCommand() {
  const local = join(root, 'node_modules', '.bin', 'pnpm');
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (!probe.error && probe.status === 0 && probe.stdout.trim().startsWith('10.')) return ['pnpm', []];
  if (existsSync(local)) return [local, []];
  return ['npx', ['--yes', `pnpm@${PNPM_VERSION}`]];
}

const [pnpm, prefix] = pnpmCommand();
const pnpmRun = (...args) => run(pnpm, [...prefix, ...args]);

function setup() {
  pnpmRun('install', isCi ? '--frozen-lockfile' : '--prefer-offline', '--reporter=append-only');
  pnpmRun('exec', 'turbo', 'run', 'build', '--output-logs=errors-only');
}

switch (job) {
  case 'setup':
    setup();
    break;
  case 'demo':
    setup();
    run(process.execPath, [join(root, 'scripts', 'demo.mjs'), ...extra]);
    break;
  case 'test':
    setup();
    pnpmRun('exec', 'biome', 'ci', '.');
    pnpmRun('exec', 'turbo', 'run', 'typecheck', '--output-logs=errors-only');
    pnpmRun('exec', 'vitest', 'run', ...extra);
    run(process.execPath, [join(root, 'scripts', 'demo.mjs'), '--quiet', '--out', join(root, 'demo-output')]);
    break;
  default:
    console.error(`faultline: unknown job "${job}" (expected setup, demo or test)`);
    process.exit(2);
}
