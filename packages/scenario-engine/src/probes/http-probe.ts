import type { z } from 'zod';
import { compileUserRegex, testWithin, USER_REGEX_TIME_LIMIT_MS } from '../regex/user-regex';
import type { HttpProbeSchema } from '../scenario/schema';
import type { ProbeRunner, ProbeSample } from './probe-sample';
import { timedSample } from './probe-sample';

/** An HTTP probe definition. */
export type HttpProbe = z.output<typeof HttpProbeSchema>;

/** Requests a URL and checks status, body and (through the tolerance) latency. */
export function createHttpProbe(probe: HttpProbe, timeoutMs: number, now: () => number): ProbeRunner {
  const expected = probe.expect?.status;
  const statusOk = (status: number) =>
    expected === undefined
      ? status >= 200 && status < 300
      : Array.isArray(expected)
        ? expected.includes(status)
        : status === expected;
  const regex = probe.expect?.body_regex ? compileUserRegex(probe.expect.body_regex) : undefined;
  return {
    name: probe.name,
    sample: (): Promise<ProbeSample> =>
      timedSample(probe.name, timeoutMs, now, async (signal) => {
        const response = await fetch(probe.url, {
          method: probe.method,
          headers: probe.headers,
          body: probe.body,
          signal,
        });
        const body = probe.method === 'HEAD' ? '' : (await response.text()).slice(0, 65_536);
        if (!statusOk(response.status))
          throw new Error(`status ${response.status}${body ? `: ${body.slice(0, 120)}` : ''}`);
        if (probe.expect?.body_contains && !body.includes(probe.expect.body_contains)) {
          throw new Error(`body does not contain "${probe.expect.body_contains}"`);
        }
        if (regex) {
          const matched = testWithin(regex, body);
          if (matched === 'timeout')
            throw new Error(
              `body_regex /${regex.source}/ ran longer than ${USER_REGEX_TIME_LIMIT_MS} ms and was stopped`,
            );
          if (!matched) throw new Error(`body does not match /${regex.source}/`);
        }
      }),
  };
}
