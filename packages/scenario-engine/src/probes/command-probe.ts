import type { z } from 'zod';
import type { CommandRunner } from '../remedy/command-runner';
import type { CommandProbeSchema } from '../scenario/schema';
import type { ProbeRunner } from './probe-sample';
import { timedSample } from './probe-sample';

/** A command probe definition. */
export type CommandProbe = z.output<typeof CommandProbeSchema>;

/** Runs a program through the sandbox and checks its exit code and output. */
export function createCommandProbe(
  probe: CommandProbe,
  timeoutMs: number,
  now: () => number,
  runner: CommandRunner,
): ProbeRunner {
  const [cmd, ...args] = probe.argv;
  return {
    name: probe.name,
    sample: () =>
      timedSample(probe.name, timeoutMs + 1000, now, async () => {
        const result = await runner.run({ name: probe.name, cmd: cmd as string, args, timeoutMs });
        if (result.status !== 'ran') throw new Error(`${result.status}: ${result.reason ?? ''}`);
        if (result.timedOut) throw new Error(`timeout after ${timeoutMs} ms`);
        const expected = probe.expect?.exit_code ?? 0;
        if (result.exitCode !== expected)
          throw new Error(`exit code ${result.exitCode}, expected ${expected}`);
        if (probe.expect?.stdout_contains && !result.stdout.includes(probe.expect.stdout_contains)) {
          throw new Error(`stdout does not contain "${probe.expect.stdout_contains}"`);
        }
      }),
  };
}
