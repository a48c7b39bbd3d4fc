// Writes a realistic EKS log collector bundle (folder and .tar.gz) with planted failure signatures.
// Usage: pnpm --filter @faultline/eks-node-diagnostics generate:bundle -- --out DIR [--size-mb 200]
//        [--inject kernel.oom-kill,iptables.unexpected-reject] [--seed 42] [--instance-id i-…] [--no-folder] [--list]
import { parseArgs } from 'node:util';
import { generateBundle, injectionNames } from '../src/testing';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    out: { type: 'string', default: 'bundles' },
    'size-mb': { type: 'string', default: '1' },
    inject: { type: 'string', default: '' },
    seed: { type: 'string', default: '42' },
    'instance-id': { type: 'string' },
    'no-folder': { type: 'boolean', default: false },
    list: { type: 'boolean', default: false },
  },
});

if (values.list) {
  console.log(injectionNames().join('\n'));
} else {
  const started = performance.now();
  const bundle = await generateBundle({
    outDir: values.out,
    sizeMb: Number(values['size-mb']),
    inject: values.inject ? values.inject.split(',').map((s) => s.trim()) : [],
    seed: Number(values.seed),
    ...(values['instance-id'] && { instanceId: values['instance-id'] }),
    keepFolder: !values['no-folder'],
  });
  console.log(
    JSON.stringify(
      {
        ...bundle,
        megabytes: +(bundle.bytes / 1024 ** 2).toFixed(1),
        seconds: +((performance.now() - started) / 1000).toFixed(1),
      },
      null,
      2,
    ),
  );
}
