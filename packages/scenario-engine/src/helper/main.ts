// The helper process of @faultline/scenario-engine: `helper.js MODE CONFIG_JSON`. Started by the
// engine, never by users. Modes: supervise, proxy, watchdog, reaper, mcp-bridge, remediation-double.
import { startRemediationApiDouble } from '../testing/remediation-api-double';
import { log } from './ipc';
import { runMcpBridge } from './mcp-bridge';
import { runProxyHelper } from './proxy-helper';
import { runReaper } from './reaper';
import { supervise } from './supervise';
import { runWatchdog } from './watchdog';

const [mode, ...rest] = process.argv.slice(2);

/** `--name value` flags before `--`, and the argv after it (friendlier than JSON in a scenario). */
function flags(argv: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const dash = argv.indexOf('--');
  const head = dash >= 0 ? argv.slice(0, dash) : argv;
  for (let i = 0; i < head.length; i += 2) {
    const key = (head[i] as string).replace(/^--/, '');
    const value = head[i + 1] ?? '';
    out[key] = /^\d+$/.test(value) ? Number(value) : value;
  }
  if (dash >= 0) out.command = argv.slice(dash + 1);
  return out;
}

const config = rest[0]?.startsWith('{')
  ? JSON.parse(rest[0])
  : { host: '127.0.0.1', ...flags(rest.filter((a) => !a.startsWith('--faultline-run='))) };

try {
  switch (mode) {
    case 'supervise':
      supervise(config);
      break;
    case 'proxy':
      await runProxyHelper(config);
      break;
    case 'watchdog':
      runWatchdog(config);
      break;
    case 'reaper':
      runReaper(config);
      break;
    case 'mcp-bridge':
      await runMcpBridge(config);
      break;
    case 'remediation-double': {
      const double = await startRemediationApiDouble(config);
      log('remediation API double ready', { url: double.url });
      process.on('SIGTERM', () => void double.close().then(() => process.exit(0)));
      break;
    }
    default:
      log('unknown helper mode', { mode });
      process.exit(2);
  }
} catch (error) {
  log('helper failed', { mode, error: String(error) });
  process.exit(1);
}
