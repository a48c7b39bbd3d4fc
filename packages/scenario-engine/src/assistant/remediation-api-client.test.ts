import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocketServer } from 'ws';
import { ScenarioEngineError, ScenarioEngineErrorCode } from '../errors';
import {
  type RemediationApiDouble,
  type RemediationApiScript,
  startRemediationApiDouble,
} from '../testing/remediation-api-double';
import { RemediationApiClient, type RemediationApiClientOptions } from './remediation-api-client';

const RCA =
  'Root cause: the fis-recommender process exited after SIGKILL; tools/list is refused (connection refused).';
const REMEDY =
  'Restart the fis-recommender service: {"commands":[{"cmd":"faultline-scenario","args":["service","restart","fis-recommender"]}]}';
const ASK = { system: 'You are an SRE expert.', user: 'tools/list fails. Analyse.', incidentId: 'inc-7' };

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function double(script: Partial<RemediationApiScript> = {}): Promise<RemediationApiDouble> {
  const api = await startRemediationApiDouble({ rca: RCA, remedy: REMEDY, ...script });
  cleanups.push(() => api.close());
  return api;
}

function streaming(api: RemediationApiDouble, options: Partial<RemediationApiClientOptions> = {}) {
  return new RemediationApiClient({ baseUrl: api.url, wsUrl: api.wsUrl, ...options });
}

/** The rejection of `promise`, which must be a ScenarioEngineError AssistantFailed. */
async function failure(promise: Promise<unknown>): Promise<ScenarioEngineError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(ScenarioEngineError.isInstance(error), String(error)).toBe(true);
  expect((error as ScenarioEngineError).code).toBe(ScenarioEngineErrorCode.AssistantFailed);
  return error as ScenarioEngineError;
}

/** Every WebSocket the double accepted is closed again. */
async function allClosed(api: RemediationApiDouble): Promise<void> {
  await vi.waitFor(() => expect(api.sockets().open).toBe(0), { timeout: 3000, interval: 20 });
}

/** A bare WebSocket server that answers every message with `frames` (for protocol shapes the double does not send). */
async function scriptedServer(
  frames: (message: Record<string, unknown>, index: number) => unknown[],
): Promise<{ url: string; received: Array<Record<string, unknown>> }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const received: Array<Record<string, unknown>> = [];
  wss.on('connection', (ws) => {
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as Record<string, unknown>;
      received.push(message);
      for (const frame of frames(message, received.length - 1))
        ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
    });
  });
  cleanups.push(async () => {
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });
  const { port } = wss.address() as { port: number };
  return { url: `ws://127.0.0.1:${port}/chatsocket`, received };
}

describe('RemediationApiClient over HTTP (no wsUrl)', () => {
  it('POSTs InitiateEnsemble then ResumeEnsemble to /workflow and records no stream', async () => {
    // Prepare
    const api = await double();
    const client = new RemediationApiClient({ baseUrl: api.url });
    // Act
    const rca = await client.rca({ ...ASK, timeoutMs: 5000 });
    const remedy = await client.remedy({ user: 'What now?', timeoutMs: 5000 });
    // Assess
    expect([rca.text, remedy.text]).toEqual([RCA, REMEDY]);
    expect(rca.stream).toBeUndefined();
    expect(api.requests.map((r) => [r.path, r.body.apiMethod])).toEqual([
      ['/workflow', 'InitiateEnsemble'],
      ['/workflow', 'ResumeEnsemble'],
    ]);
    expect(api.sockets().accepted).toBe(0);
  });
});

describe('RemediationApiClient streaming over the WebSocket', () => {
  it('assembles a full RCA and remedy from chunked deltas and resumes on the interrupt', async () => {
    // Prepare
    const api = await double({ stream: { chunkSize: 7, chunkDelayMs: 2 } });
    const client = streaming(api);
    // Act
    const rca = await client.rca({ ...ASK, timeoutMs: 5000 });
    const remedy = await client.remedy({ user: 'What commands should we run?', timeoutMs: 5000 });
    // Assess
    expect(rca.text).toBe(RCA);
    expect(remedy.text).toBe(REMEDY);
    const deltas = rca.stream?.events.filter((e) => (e.event as { type: string }).type === 'delta') ?? [];
    expect(deltas.length).toBe(Math.ceil(RCA.length / 7));
    expect(deltas.map((e) => (e.event as { text: string }).text).join('')).toBe(RCA);
    expect(rca.stream).toMatchObject({
      transport: 'websocket',
      url: api.wsUrl,
      endedBy: 'interrupt',
      eventCount: deltas.length + 2,
      unknownEvents: 1,
      unknownTypes: ['status'],
      droppedEvents: 0,
      connectMs: expect.any(Number),
      timeToFirstTokenMs: expect.any(Number),
    });
    expect(rca.stream?.timeToFirstTokenMs).toBeLessThanOrEqual(rca.durationMs);
    expect(rca.stream?.events.map((e) => e.atMs)).toEqual(
      [...(rca.stream?.events.map((e) => e.atMs) ?? [])].sort((a, b) => a - b),
    );
    expect(rca.response).toMatchObject({ type: 'interrupt', threadId: 'thread-1' });
    expect(remedy.stream).toMatchObject({ endedBy: 'final', unknownEvents: 0 });
    expect(remedy.stream?.events.filter((e) => (e.event as { type: string }).type === 'token').length).toBe(
      Math.ceil(REMEDY.length / 7),
    );
    // the same envelopes as over HTTP, one JSON message per turn, the interrupt's state in ResumeEnsemble
    expect(api.requests.map((r) => r.path)).toEqual(['/chatsocket', '/chatsocket']);
    expect(api.requests[0]?.body).toEqual(rca.request);
    expect(api.requests[0]?.body).toMatchObject({
      apiMethod: 'InitiateEnsemble',
      ensembleName: 'REMEDIATION',
    });
    expect(api.requests[1]?.body).toMatchObject({
      apiMethod: 'ResumeEnsemble',
      payload: {
        messageType: 'node_input',
        stateIdentifier: { threadId: 'thread-1', interruptId: 'int-thread-1' },
        nodeId: 'node-remedy',
      },
    });
    expect(api.sockets().accepted).toBe(2);
    await allClosed(api);
  });

  it('carries the interrupt state (top level or stateIdentifier) into ResumeEnsemble; output.text wins over deltas', async () => {
    // Prepare
    const server = await scriptedServer((message) =>
      message.apiMethod === 'InitiateEnsemble'
        ? [
            { type: 'Token', text: 'partial ' },
            { type: 'heartbeat' },
            {
              type: 'interrupt',
              stateIdentifier: { threadId: 'th-9f', interruptId: 'ir-42' },
              nodeId: 'approve-remedy',
              output: { text: 'Root cause: disk full on node-3' },
            },
          ]
        : [{ type: 'chunk', delta: 'Run ' }, { type: 'delta', content: 'df -h' }, { type: 'done' }],
    );
    const client = new RemediationApiClient({ baseUrl: 'http://127.0.0.1:9', wsUrl: server.url });
    // Act
    const rca = await client.rca({ ...ASK, timeoutMs: 5000 });
    const remedy = await client.remedy({ system: 'Be brief.', user: 'And now?', timeoutMs: 5000 });
    // Assess
    expect(rca.text).toBe('Root cause: disk full on node-3');
    expect(rca.stream).toMatchObject({ unknownEvents: 1, unknownTypes: ['heartbeat'], endedBy: 'interrupt' });
    expect(remedy.text).toBe('Run df -h');
    expect(remedy.stream?.endedBy).toBe('done');
    expect(server.received[1]).toEqual({
      apiMethod: 'ResumeEnsemble',
      apiVersion: '1',
      payload: {
        messageType: 'node_input',
        stateIdentifier: { threadId: 'th-9f', interruptId: 'ir-42' },
        nodeId: 'approve-remedy',
        inputProperties: { input: 'Be brief.\n\nAnd now?' },
      },
    });
  });

  it('fails the turn on an error event, with the events so far in data.stream', async () => {
    // Prepare
    const api = await double({ stream: { fault: { step: 'rca', kind: 'error' } } });
    // Act
    const error = await failure(streaming(api).rca({ ...ASK, timeoutMs: 5000 }));
    // Assess
    expect(error.message).toMatch(
      /the API streamed an error: the remediation workflow failed: model overloaded/,
    );
    const stream = (error.data as { stream: { events: Array<{ event: { type: string } }> } }).stream;
    expect(stream.events.map((e) => e.event.type)).toEqual(['status', 'delta', 'error']);
    await allClosed(api);
  });

  it('fails the remedy when the server closes the socket mid-turn', async () => {
    // Prepare
    const api = await double({ stream: { fault: { step: 'remedy', kind: 'close' } } });
    const client = streaming(api);
    await client.rca({ ...ASK, timeoutMs: 5000 });
    // Act
    const error = await failure(client.remedy({ user: 'What now?', timeoutMs: 5000 }));
    // Assess
    expect(error.message).toMatch(
      /the server closed the WebSocket mid-turn \(code 1011, workflow crashed\) after 1 events/,
    );
    await allClosed(api);
  });

  it('fails a stalled turn at its time limit instead of hanging, and closes the socket', async () => {
    // Prepare
    const api = await double({ stream: { fault: { step: 'rca', kind: 'stall' } } });
    const started = Date.now();
    // Act
    const error = await failure(streaming(api).rca({ ...ASK, timeoutMs: 400 }));
    // Assess
    expect(error.message).toMatch(/no end of turn within 400 ms \(2 events, 12 characters received\)/);
    expect(Date.now() - started).toBeLessThan(2000);
    await allClosed(api);
  });

  it('fails on a frame that is not JSON, and on JSON that is not an event', async () => {
    // Prepare
    const api = await double({ stream: { fault: { step: 'rca', kind: 'malformed' } } });
    const server = await scriptedServer(() => [[1, 2, 3]]);
    // Act
    const malformed = await failure(streaming(api).rca({ ...ASK, timeoutMs: 5000 }));
    const notEvent = await failure(
      new RemediationApiClient({ baseUrl: 'http://127.0.0.1:9', wsUrl: server.url }).rca({
        ...ASK,
        timeoutMs: 5000,
      }),
    );
    // Assess
    expect(malformed.message).toMatch(/frame 3 is not JSON: "\{\\"type\\":\\"delta\\",\\"text\\":"/);
    expect(notEvent.message).toMatch(/frame 1 is not an event \(a JSON object with a string "type"\)/);
    await allClosed(api);
  });

  it('fails on a frame over the frame limit (maxPayload)', async () => {
    // Prepare
    const api = await double({ stream: { fault: { step: 'rca', kind: 'oversized' } } });
    // Act
    const error = await failure(streaming(api).rca({ ...ASK, timeoutMs: 5000 }));
    // Assess
    expect(error.message).toMatch(/a frame exceeded the 1048576-byte limit/);
    await allClosed(api);
  });

  it('sends the bearer token in the handshake, and reports a refused handshake', async () => {
    // Prepare
    const api = await double({ token: 's3cret' });
    // Act
    const turn = await streaming(api, { token: 's3cret' }).rca({ ...ASK, timeoutMs: 5000 });
    const refused = await failure(streaming(api).rca({ ...ASK, timeoutMs: 5000 }));
    // Assess
    expect(turn.text).toBe(RCA);
    expect(api.requests[0]?.headers.authorization).toBe('Bearer s3cret');
    expect(refused.message).toMatch(/the WebSocket handshake was refused: HTTP 401/);
  });

  it('fails at the connect time limit when the handshake never completes, and when nothing listens', async () => {
    // Prepare: a TCP server that accepts and never answers the upgrade
    const silent: TcpServer = createTcpServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => {
      silent.close();
    });
    const port = (silent.address() as { port: number }).port;
    const client = new RemediationApiClient({
      baseUrl: 'http://127.0.0.1:9',
      wsUrl: `ws://127.0.0.1:${port}/chatsocket`,
      connectTimeoutMs: 200,
    });
    const nobody = new RemediationApiClient({ baseUrl: 'http://127.0.0.1:9', wsUrl: 'ws://127.0.0.1:9/x' });
    // Act
    const stalled = await failure(client.rca({ ...ASK, timeoutMs: 5000 }));
    const refused = await failure(nobody.rca({ ...ASK, timeoutMs: 5000 }));
    // Assess
    expect(stalled.message).toMatch(/could not connect within 200 ms/);
    expect(refused.message).toMatch(/WebSocket error: .*ECONNREFUSED/);
  });

  it('bounds the kept events, the answer and requires the state on an interrupt', async () => {
    // Prepare
    const api = await double({ stream: { chunkSize: 5 } });
    const server = await scriptedServer((_m, i) =>
      i === 0 ? [{ type: 'delta', text: 'x'.repeat(600) }] : [{ type: 'interrupt', output: { text: 'RCA' } }],
    );
    const bigAnswer = new RemediationApiClient({ baseUrl: '', wsUrl: server.url, maxAnswerBytes: 512 });
    const noState = new RemediationApiClient({ baseUrl: '', wsUrl: server.url });
    // Act
    const turn = await streaming(api, { maxStoredEvents: 4 }).rca({ ...ASK, timeoutMs: 5000 });
    const tooBig = await failure(bigAnswer.rca({ ...ASK, timeoutMs: 5000 }));
    const stateless = await failure(noState.rca({ ...ASK, timeoutMs: 5000 }));
    // Assess
    expect(turn.text).toBe(RCA);
    expect(turn.stream?.events).toHaveLength(4);
    expect(turn.stream?.droppedEvents).toBe((turn.stream?.eventCount ?? 0) - 4);
    expect(tooBig.message).toMatch(/the streamed answer exceeds 512 bytes/);
    expect(stateless.message).toMatch(/the interrupt event has no threadId and interruptId/);
  });
});
