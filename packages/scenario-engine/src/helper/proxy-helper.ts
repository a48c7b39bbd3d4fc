import { watchHeartbeat } from '../runtime/heartbeat';
import { FaultProxy } from './fault-proxy';
import { type HelperMessage, log, send } from './ipc';

/** Configuration of the proxy helper. */
export interface ProxyHelperConfig {
  listenHost: string;
  listenPort: number;
  upstreamHost: string;
  upstreamPort: number;
  heartbeat: string;
  staleMs: number;
}

/**
 * Runs a {@link FaultProxy} in its own process. Its mode is set by the engine over IPC; when the
 * engine stops heartbeating the proxy reverts to pass-through and exits (the dead-man's switch),
 * so a latency, error or black-hole fault never outlives its controller.
 */
export async function runProxyHelper(config: ProxyHelperConfig): Promise<void> {
  const proxy = new FaultProxy(config);
  const port = await proxy.listen();
  const stop = async (reason: string) => {
    log('proxy stopping', { reason, mode: proxy.current().kind });
    proxy.setMode({ kind: 'pass' });
    await proxy.shutdown();
    process.exit(0);
  };
  process.on('message', (message: HelperMessage) => {
    if (message.type === 'mode') {
      proxy.setMode(message.mode);
      log('mode', { mode: message.mode });
      send({ type: 'log', message: `mode ${message.mode.kind}` });
    }
    if (message.type === 'shutdown') void stop('shutdown requested');
  });
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => {});
  watchHeartbeat(
    config.heartbeat,
    config.staleMs,
    () => void stop('engine heartbeat stale (dead-man switch)'),
  );
  send({ type: 'ready', port, pid: process.pid });
}
