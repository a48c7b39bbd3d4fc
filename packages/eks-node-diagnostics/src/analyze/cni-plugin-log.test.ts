import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBundle } from '../bundle/open-bundle';
import { searchBundle } from '../search/search-bundle';
import { analyzeBundle } from './analyze-bundle';
import { TEST_BUNDLE_NAME } from './analyze-files.fixture';

// The aws-cni plugin's own log words its errors differently from the kubelet that quotes them:
// "Failed to assign…" (the kubelet: "failed to assign…") and "…AddNetwork grpc call" ("gRPC").
const plugin = (time: string, msg: string) =>
  JSON.stringify({
    level: 'error',
    ts: `2026-11-02T${time}.123Z`,
    caller: 'routed-eni-cni-plugin/cni.go:268',
    msg,
  });
const PLUGIN_LOG = [
  plugin(
    '09:46:00',
    'Error received from AddNetwork grpc call for containerID 9f2c1d: rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp 127.0.0.1:50051: connect: connection refused"',
  ),
  plugin('09:46:30', 'Failed to assign an IP address to container 9f2c1d'),
  plugin(
    '09:47:00',
    'Error received from AddNetwork grpc call for containerID 7a1b2c: rpc error: code = Unavailable desc = connection error',
  ),
  plugin('09:47:30', 'Failed to assign an IP address to pod cart-7d9f8-abcde, namespace shop sandbox 7a1b2c'),
  plugin(
    '09:48:00',
    'Error received from DelNetwork grpc call for containerID 5e6f7a: rpc error: code = Unavailable desc = connection error',
  ),
  plugin('09:48:30', 'Failed to assign an IP address to container 5e6f7a'),
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'faultline-plugin-'));
  await mkdir(join(dir, TEST_BUNDLE_NAME, 'var_log', 'aws-routed-eni'), { recursive: true });
  await writeFile(
    join(dir, TEST_BUNDLE_NAME, 'var_log', 'aws-routed-eni', 'plugin.log'),
    `${PLUGIN_LOG.join('\n')}\n`,
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the CNI plugin log (var_log/aws-routed-eni/plugin.log)', () => {
  it.each(['cni-ipamd.ip-assign-failed', 'cni-ipamd.plugin-cannot-reach-ipamd'])(
    'fires %s on the plugin wording, and its next search finds the lines',
    async (rule) => {
      const bundle = await openBundle(TEST_BUNDLE_NAME, { roots: [dir] });
      const { findings } = await analyzeBundle(bundle);
      const finding = findings.find((f) => f.rule === rule);
      expect(finding?.occurrences).toBe(3);
      expect(finding?.evidence[0]?.source).toBe('var_log/aws-routed-eni/plugin.log');
      const search = finding?.next.find((n) => n.tool === 'search_node_logs');
      expect(search).toBeDefined();
      const { bundle: _, ...options } = (search?.arguments ?? {}) as { bundle: string; pattern: string };
      const { matches } = await searchBundle(await openBundle(TEST_BUNDLE_NAME, { roots: [dir] }), options);
      expect(matches).toHaveLength(3);
    },
  );
});
