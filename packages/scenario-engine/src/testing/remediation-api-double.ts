import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';

/** A misbehaviour of the double's WebSocket on one step, to test a client's failure paths. */
export type RemediationStreamFault =
  /** streams a delta, then `{type:'error', message}` */
  | 'error'
  /** streams a delta, then closes the socket (code 1011) without ending the turn */
  | 'close'
  /** streams a delta, then nothing (the socket stays open) */
  | 'stall'
  /** streams a delta, then a frame that is not JSON */
  | 'malformed'
  /** streams a delta of 2 MiB (over the client's default 1 MiB frame limit) */
  | 'oversized';

/** How the double streams over its WebSocket (`/chatsocket`). */
export interface RemediationStreamScript {
  /** Characters per delta. Default 12. */
  chunkSize?: number;
  /** Pause before each frame, in ms. Default 0. */
  chunkDelayMs?: number;
  /** A misbehaviour on one step. */
  fault?: { step: 'rca' | 'remedy'; kind: RemediationStreamFault };
}

/** What the double answers. */
export interface RemediationApiScript {
  /** The RCA text returned by InitiateEnsemble. */
  rca: string;
  /** The remedy text returned by ResumeEnsemble. */
  remedy: string;
  /** Delay before answering, in ms. Default 0. */
  delayMs?: number;
  /** A bearer token the double requires (HTTP and WebSocket handshake); otherwise 401. Default none. */
  token?: string;
  /** How the WebSocket endpoint streams. */
  stream?: RemediationStreamScript;
}

/** A request the double received (over HTTP, or one message over the WebSocket). */
export interface RecordedRemediationRequest {
  /** `/workflow` (HTTP) or `/chatsocket` (WebSocket). */
  path: string;
  /** The HTTP headers (of the handshake, for the WebSocket). */
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

/** A running double of the seed's remediation workflow API. */
export interface RemediationApiDouble {
  /** The HTTP base URL (`POST {url}/workflow`). */
  url: string;
  /** The WebSocket that streams the answers: `ws://127.0.0.1:PORT/chatsocket`. */
  wsUrl: string;
  requests: RecordedRemediationRequest[];
  /** WebSocket connections accepted, and how many are still open. */
  sockets(): { accepted: number; open: number };
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function problem(body: Record<string, unknown>): string | undefined {
  if (body.apiVersion !== '1') return 'apiVersion must be "1"';
  const payload = body.payload as Record<string, unknown> | undefined;
  if (!payload) return 'payload is required';
  if (body.apiMethod === 'InitiateEnsemble') {
    if (body.ensembleName !== 'REMEDIATION') return 'ensembleName must be REMEDIATION';
    if (typeof payload.incidentId !== 'string') return 'payload.incidentId is required';
    const rca = payload.rcaAnalysis as Record<string, unknown> | undefined;
    if (!rca || typeof rca.title !== 'string' || typeof rca.summary !== 'string')
      return 'payload.rcaAnalysis needs title and summary';
    return undefined;
  }
  if (body.apiMethod === 'ResumeEnsemble') {
    if (payload.messageType !== 'node_input') return 'payload.messageType must be node_input';
    const state = payload.stateIdentifier as Record<string, unknown> | undefined;
    if (!state || typeof state.threadId !== 'string' || typeof state.interruptId !== 'string')
      return 'payload.stateIdentifier needs threadId and interruptId';
    if (typeof payload.nodeId !== 'string') return 'payload.nodeId is required';
    return undefined;
  }
  return `unknown apiMethod ${String(body.apiMethod)}`;
}

function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a local double of the remediation workflow API of seed 002 on 127.0.0.1:
 * `POST /workflow` with `InitiateEnsemble` (answers the scripted RCA and an interrupt to resume) and
 * `ResumeEnsemble` (answers the scripted remedy). Malformed requests get 400 with the reason; every
 * request is recorded.
 *
 * The same answers stream over the WebSocket `/chatsocket` (one JSON envelope per message):
 * InitiateEnsemble gets a `status` event (a type clients do not know), the RCA in `delta` events and
 * an `interrupt` event with `threadId`, `interruptId` and `nodeId`; ResumeEnsemble gets the remedy
 * in `token` events and a `final` event with `output.text`. A malformed envelope or an unknown
 * thread gets an `error` event. `stream.fault` makes one step misbehave.
 *
 * @example
 * const api = await startRemediationApiDouble({ rca: 'fis-recommender crashed', remedy: 'restart it' });
 */
export async function startRemediationApiDouble(
  script: RemediationApiScript & { port?: number },
): Promise<RemediationApiDouble> {
  const requests: RecordedRemediationRequest[] = [];
  const threads = new Map<string, number>();
  let accepted = 0;
  const authorized = (req: IncomingMessage) =>
    script.token === undefined || req.headers.authorization === `Bearer ${script.token}`;

  const server: Server = createServer(async (req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && req.url === '/health') return reply(200, { status: 'ok' });
    if (req.method !== 'POST' || req.url !== '/workflow') return reply(404, { error: 'not found' });
    if (!authorized(req)) return reply(401, { error: 'missing or wrong bearer token' });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    } catch {
      return reply(400, { error: 'body is not JSON' });
    }
    requests.push({ path: req.url, headers: req.headers, body });
    const bad = problem(body);
    if (bad) return reply(400, { error: bad });
    if (script.delayMs) await new Promise((r) => setTimeout(r, script.delayMs));
    if (body.apiMethod === 'InitiateEnsemble') {
      const threadId = `thread-${threads.size + 1}`;
      threads.set(threadId, 0);
      return reply(200, {
        threadId,
        interruptId: `int-${threadId}`,
        nodeId: 'node-remedy',
        status: 'interrupted',
        output: { text: script.rca },
      });
    }
    const state = (body.payload as { stateIdentifier: { threadId: string; interruptId: string } })
      .stateIdentifier;
    if (!threads.has(state.threadId) || state.interruptId !== `int-${state.threadId}`)
      return reply(404, { error: 'unknown thread or interrupt' });
    return reply(200, { threadId: state.threadId, status: 'completed', output: { text: script.remedy } });
  });

  // ------------------------------------------------------------ the WebSocket
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1_048_576 });
  const refuse = (socket: Duplex, status: string) => {
    socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  };
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/chatsocket')
      return refuse(socket, '404 Not Found');
    if (!authorized(req)) return refuse(socket, '401 Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => {
      accepted += 1;
      ws.on('message', (data) => void answer(ws, req, data.toString()));
    });
  });

  const answer = async (ws: WebSocket, req: IncomingMessage, message: string) => {
    const options = script.stream ?? {};
    const send = async (frame: unknown) => {
      if (options.chunkDelayMs) await sleep(options.chunkDelayMs);
      if (ws.readyState !== ws.OPEN) return false;
      ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
      return true;
    };
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(message) as Record<string, unknown>;
    } catch {
      await send({ type: 'error', message: 'the message is not JSON' });
      return;
    }
    requests.push({ path: '/chatsocket', headers: req.headers, body });
    const bad = problem(body);
    if (bad) {
      await send({ type: 'error', message: bad });
      return;
    }
    if (script.delayMs) await sleep(script.delayMs);
    const initiate = body.apiMethod === 'InitiateEnsemble';
    const step = initiate ? 'rca' : 'remedy';
    let threadId: string;
    if (initiate) {
      threadId = `thread-${threads.size + 1}`;
      threads.set(threadId, 0);
      await send({ type: 'status', status: 'analysing', threadId });
    } else {
      const state = (body.payload as { stateIdentifier: { threadId: string; interruptId: string } })
        .stateIdentifier;
      if (!threads.has(state.threadId) || state.interruptId !== `int-${state.threadId}`) {
        await send({ type: 'error', message: 'unknown thread or interrupt' });
        return;
      }
      threadId = state.threadId;
    }
    const text = initiate ? script.rca : script.remedy;
    const pieces = chunks(text, Math.max(1, options.chunkSize ?? 12));
    const fault = options.fault?.step === step ? options.fault.kind : undefined;
    for (const [i, piece] of pieces.entries()) {
      if (!(await send({ type: initiate ? 'delta' : 'token', text: piece }))) return;
      if (i > 0 || !fault) continue;
      switch (fault) {
        case 'error':
          await send({ type: 'error', message: 'the remediation workflow failed: model overloaded' });
          return;
        case 'close':
          ws.close(1011, 'workflow crashed');
          return;
        case 'stall':
          return;
        case 'malformed':
          await send('{"type":"delta","text":');
          return;
        case 'oversized':
          await send({ type: 'delta', text: 'x'.repeat(2 * 1_048_576) });
          return;
      }
    }
    if (initiate) {
      await send({
        type: 'interrupt',
        threadId,
        interruptId: `int-${threadId}`,
        nodeId: 'node-remedy',
        status: 'interrupted',
      });
    } else {
      await send({ type: 'final', threadId, status: 'completed', output: { text } });
    }
  };

  await new Promise<void>((resolve) => server.listen(script.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/chatsocket`,
    requests,
    sockets: () => ({ accepted, open: wss.clients.size }),
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
