import { createServer, type IncomingMessage, type Server } from 'node:http';

/** What the double answers. */
export interface RemediationApiScript {
  /** The RCA text returned by InitiateEnsemble. */
  rca: string;
  /** The remedy text returned by ResumeEnsemble. */
  remedy: string;
  /** Delay before answering, in ms. Default 0. */
  delayMs?: number;
}

/** A request the double received. */
export interface RecordedRemediationRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

/** A running double of the seed's remediation workflow API. */
export interface RemediationApiDouble {
  url: string;
  requests: RecordedRemediationRequest[];
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

/**
 * Starts a local double of the remediation workflow API of seed 002 on 127.0.0.1:
 * `POST /workflow` with `InitiateEnsemble` (answers the scripted RCA and an interrupt to resume) and
 * `ResumeEnsemble` (answers the scripted remedy). Malformed requests get 400 with the reason; every
 * request is recorded.
 *
 * @example
 * const api = await startRemediationApiDouble({ rca: 'fis-recommender crashed', remedy: 'restart it' });
 */
export async function startRemediationApiDouble(
  script: RemediationApiScript & { port?: number },
): Promise<RemediationApiDouble> {
  const requests: RecordedRemediationRequest[] = [];
  const threads = new Map<string, number>();
  const server: Server = createServer(async (req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && req.url === '/health') return reply(200, { status: 'ok' });
    if (req.method !== 'POST' || req.url !== '/workflow') return reply(404, { error: 'not found' });
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
  await new Promise<void>((resolve) => server.listen(script.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
