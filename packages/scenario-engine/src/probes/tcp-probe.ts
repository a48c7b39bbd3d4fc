import { connect } from 'node:net';
import type { ProbeRunner } from './probe-sample';
import { timedSample } from './probe-sample';

/** Checks that a TCP port accepts a connection. */
export function createTcpProbe(
  probe: { name: string; host: string; port: number },
  timeoutMs: number,
  now: () => number,
): ProbeRunner {
  return {
    name: probe.name,
    sample: () =>
      timedSample(
        probe.name,
        timeoutMs,
        now,
        (signal) =>
          new Promise<void>((resolve, reject) => {
            const socket = connect({ host: probe.host, port: probe.port });
            const fail = (error: Error) => {
              socket.destroy();
              reject(error);
            };
            signal.addEventListener('abort', () => socket.destroy(), { once: true });
            socket.once('connect', () => {
              socket.end();
              resolve();
            });
            socket.once('error', fail);
          }),
      ),
  };
}
