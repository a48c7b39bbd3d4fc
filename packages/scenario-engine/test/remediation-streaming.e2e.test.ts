// A real run whose assistant under test is the remediation API double streaming over its WebSocket:
// runScenario injects a latency fault through the engine's proxy, asks for the RCA and the remedy
// over ws_url (a ${binding}, with the bearer token from api_key_env), evaluates the streamed answers
// and runs the streamed remedy; the verdict is PASS and transcript.json holds the streamed events.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AssistantTurn } from '../src/assistant/assistant-client';
import { loadScenarioFile } from '../src/cli/load-scenario';
import { runScenario } from '../src/engine/run-scenario';
import { safeParseScenario } from '../src/scenario/parse-scenario';
import { RecordingCommandRunner } from '../src/testing/recording-command-runner';
import { startRemediationApiDouble } from '../src/testing/remediation-api-double';
import { tempRunDir } from './run-example';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const RCA =
  'Root cause: the svc service is slow: every request waits about 400 ms at its proxy. Metrics: probe latency and error rate.';
const REMEDY = 'Restart svc: {"commands":[{"cmd":"faultline-scenario","args":["service","restart","svc"]}]}';

const SCENARIO = `meta: { id: remediation-streaming, title: Streamed remediation of a slow service, max_duration: 60s }
bindings: { port: 1, proxy_port: 2, api_ws: "ws://127.0.0.1:1/chatsocket", api_http: "http://127.0.0.1:1" }
services:
  - name: svc
    command: ["${process.execPath}", -e, "require('node:http').createServer((q, s) => s.end('ok')).listen(\${port}, '127.0.0.1')"]
    port: \${port}
    proxy_port: \${proxy_port}
steady_state:
  interval: 100ms
  probes:
    - name: svc-http
      type: http
      url: http://127.0.0.1:\${proxy_port}/
      timeout: 2s
      tolerance: { samples: 3, max_latency_ms: 250 }
fault:
  type: latency
  target: svc
  latency_ms: 400
  duration: 1s
stabilize:
  wait_for: { detected: true, recovered: true, timeout: 10s }
assistant:
  kind: remediation-api
  url: \${api_http}
  ws_url: \${api_ws}
  ws_connect_timeout: 2s
  api_key_env: REMEDIATION_TOKEN
assistant_rca:
  system: You are an SRE expert.
  user: Requests to svc are slow. Analyse the incident.
  timeout: 5s
  expect:
    references: [svc, "400 ms"]
    metrics: [latency]
    entities: { expected: [svc] }
  guards:
    - { type: regex, pattern: "(?i)root cause", must: match }
assistant_remedy:
  user: What commands should we run?
  timeout: 5s
  expect:
    references: [restart]
    json_schema: { type: object, required: [commands] }
execute_remedy:
  from_assistant: true
  sandbox: { allow: [faultline-scenario] }
  commands: []
verify: { timeout: 10s }
`;

describe('a run against the remediation API streaming over WebSocket', () => {
  it('passes, resumes on the streamed interrupt and keeps the streamed events in transcript.json', async () => {
    // Prepare
    const api = await startRemediationApiDouble({
      rca: RCA,
      remedy: REMEDY,
      token: 'tok-e2e',
      stream: { chunkSize: 9, chunkDelayMs: 1 },
    });
    const dir = tempRunDir('fl-ws-');
    dirs.push(dir);
    const file = join(dir, 'streaming.yaml');
    writeFileSync(file, SCENARIO);
    const sets = {
      port: String(await freePort()),
      proxy_port: String(await freePort()),
      api_ws: api.wsUrl,
      api_http: api.url,
    };
    const { text, result } = loadScenarioFile(file, sets, {});
    if (!result.success) throw new Error(JSON.stringify(result.issues));
    const runner = new RecordingCommandRunner();
    try {
      // Act
      const { report, runDir } = await runScenario({
        scenario: result.scenario,
        scenarioText: text,
        outDir: join(dir, 'run'),
        cwd: dir,
        heartbeatStaleMs: 2000,
        commandRunner: runner,
        env: { REMEDIATION_TOKEN: 'tok-e2e' },
      });
      // Assess
      expect(report.verdict, report.reason).toBe('PASS');
      expect(report.faults[0]?.mttdMs).toEqual(expect.any(Number));
      const transcript = JSON.parse(readFileSync(join(runDir, 'transcript.json'), 'utf8')) as AssistantTurn[];
      expect(transcript.map((t) => [t.step, t.text])).toEqual([
        ['rca', RCA],
        ['remedy', REMEDY],
      ]);
      const [rca, remedy] = transcript;
      expect(rca?.stream).toMatchObject({
        transport: 'websocket',
        url: api.wsUrl,
        endedBy: 'interrupt',
        unknownEvents: 1,
        droppedEvents: 0,
        timeToFirstTokenMs: expect.any(Number),
      });
      const types = (turn: AssistantTurn | undefined) =>
        turn?.stream?.events.map((e) => (e.event as { type: string }).type);
      expect(types(rca)).toEqual(['status', ...Array(Math.ceil(RCA.length / 9)).fill('delta'), 'interrupt']);
      expect(types(remedy)).toEqual([...Array(Math.ceil(REMEDY.length / 9)).fill('token'), 'final']);
      expect(remedy?.stream?.timeToFirstTokenMs).toBeLessThanOrEqual(remedy?.durationMs ?? 0);
      // over the socket only, with the token, and the interrupt's state resumed
      expect(api.requests.map((r) => [r.path, r.body.apiMethod, r.headers.authorization])).toEqual([
        ['/chatsocket', 'InitiateEnsemble', 'Bearer tok-e2e'],
        ['/chatsocket', 'ResumeEnsemble', 'Bearer tok-e2e'],
      ]);
      expect(api.requests[1]?.body.payload).toMatchObject({
        stateIdentifier: { threadId: 'thread-1', interruptId: 'int-thread-1' },
        nodeId: 'node-remedy',
      });
      // the streamed remedy's commands were run
      expect(runner.calls.map((c) => [c.cmd, ...c.args])).toEqual([
        ['faultline-scenario', 'service', 'restart', 'svc'],
      ]);
      expect(api.sockets().open).toBe(0);
    } finally {
      await api.close();
    }
  }, 60_000);

  it('validates ws_url: a ws:// or wss:// URL, and only for kind remediation-api', () => {
    // Prepare
    const base = `meta: { id: x, title: X }
steady_state: { probes: [{ name: p, type: tcp, port: 80 }] }
`;
    const parse = (assistant: string) => safeParseScenario(`${base}assistant: ${assistant}\n`);
    // Act
    const ok = parse('{ kind: remediation-api, url: "http://h:8901", ws_url: "wss://h:8765/chatsocket" }');
    const http = parse('{ kind: remediation-api, url: "http://h:8901", ws_url: "http://h:8765/chatsocket" }');
    const openai = parse('{ kind: openai, url: "http://h/v1", ws_url: "ws://h:8765/chatsocket" }');
    // Assess
    expect(ok.success).toBe(true);
    expect(http.success).toBe(false);
    if (!http.success) expect(http.issues.map((i) => i.path)).toContain('assistant.ws_url');
    expect(openai.success).toBe(false);
    if (!openai.success)
      expect(openai.issues).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            path: 'assistant.ws_url',
            message: 'ws_url is only for kind remediation-api',
          }),
        ]),
      );
  });
});
