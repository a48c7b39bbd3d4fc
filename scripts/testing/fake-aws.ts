// A fake AWS endpoint on 127.0.0.1 for tests that run the REAL AWS SDK clients (signing,
// serialisation, retries, time limits, error parsing) against AWS-shaped answers: FIS (restJson1),
// SSM (awsJson1_1), EC2 (ec2Query). Every request is recorded with its service and operation, so a
// test can count attempts. Point a client at it with `endpoint: fake.url` (or AWS_ENDPOINT_URL_FIS)
// and static fake credentials. No AWS account, no network beyond loopback.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** How an AWS service encodes requests and errors. */
export type AwsProtocol = 'restJson1' | 'awsJson1_1' | 'ec2Query';

/** A request the fake received. */
export interface FakeAwsRequest {
  /** From the SigV4 credential scope, e.g. `fis`, `ssm`, `ec2`. */
  service: string;
  /** e.g. `ListActions`, `StartAutomationExecution`, `DescribeInstances` (`?` when unknown). */
  operation: string;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  /** When it arrived (ms since the epoch). */
  at: number;
  /** The status answered (0 while pending, -1 when the connection was dropped or left hanging). */
  status: number;
}

/** How to answer one request. */
export interface FakeAwsReply {
  status?: number;
  /** JSON body (content type set from the protocol). */
  json?: unknown;
  /** Raw body (XML for ec2Query). */
  body?: string;
  headers?: Record<string, string>;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Never answer (the client's time limit must fire). */
  hang?: boolean;
  /** Drop the connection without an answer. */
  reset?: boolean;
}

/** Decides the reply of each request. */
export type FakeAwsHandler = (request: FakeAwsRequest) => FakeAwsReply | Promise<FakeAwsReply>;

/** A running fake. */
export interface FakeAws {
  url: string;
  port: number;
  requests: FakeAwsRequest[];
  /** Requests for an operation (all when omitted). */
  count(operation?: string): number;
  /** Replaces the handler (e.g. to heal the dependency). */
  setHandler(handler: FakeAwsHandler): void;
  /** Stops listening and drops every connection (the dependency goes down). */
  close(): Promise<void>;
}

/** Static credentials for clients pointed at the fake. */
export const FAKE_CREDENTIALS = {
  accessKeyId: 'AKIDFAKEFAKEFAKE',
  secretAccessKey: 'fake/secret/key/for/loopback/tests/only',
};

/** Environment that points every SDK client at the fake, with fake credentials and no profile. */
export function fakeAwsEnv(url: string, region = 'us-east-1'): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: url,
    AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
    AWS_REGION: region,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

const FIS_ROUTES: Array<[string, RegExp, string]> = [
  ['GET', /^\/actions$/, 'ListActions'],
  ['GET', /^\/actions\/[^/]+$/, 'GetAction'],
  ['GET', /^\/targetResourceTypes$/, 'ListTargetResourceTypes'],
  ['GET', /^\/targetResourceTypes\/[^/]+$/, 'GetTargetResourceType'],
  ['POST', /^\/experimentTemplates$/, 'CreateExperimentTemplate'],
  ['GET', /^\/experimentTemplates$/, 'ListExperimentTemplates'],
  ['GET', /^\/experimentTemplates\/[^/]+$/, 'GetExperimentTemplate'],
  ['DELETE', /^\/experimentTemplates\/[^/]+$/, 'DeleteExperimentTemplate'],
  ['POST', /^\/experiments$/, 'StartExperiment'],
  ['GET', /^\/experiments$/, 'ListExperiments'],
  ['GET', /^\/experiments\/[^/]+$/, 'GetExperiment'],
  ['DELETE', /^\/experiments\/[^/]+$/, 'StopExperiment'],
  ['POST', /^\/tags\/[^/]+$/, 'TagResource'],
];

function operationOf(req: IncomingMessage, path: string, body: string): string {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return target.slice(target.lastIndexOf('.') + 1);
  const form = new URLSearchParams(body).get('Action');
  if (form) return form;
  for (const [method, pattern, operation] of FIS_ROUTES) {
    if (req.method === method && pattern.test(path)) return operation;
  }
  return '?';
}

/** An AWS-shaped error reply for a protocol: status, `x-amzn-ErrorType`, and the body the SDK parses. */
export function awsError(protocol: AwsProtocol, status: number, code: string, message = code): FakeAwsReply {
  if (protocol === 'ec2Query') {
    return {
      status,
      headers: { 'content-type': 'text/xml' },
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>fake-request</RequestID></Response>`,
    };
  }
  if (protocol === 'awsJson1_1') {
    return {
      status,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': code },
      json: { __type: code, message },
    };
  }
  return { status, headers: { 'x-amzn-errortype': code }, json: { message } };
}

/** Canned errors by name, for each protocol. */
export const AWS_FAULTS = {
  throttling: (p: AwsProtocol) =>
    awsError(
      p,
      p === 'ec2Query' ? 503 : p === 'restJson1' ? 429 : 400,
      p === 'ec2Query' ? 'RequestLimitExceeded' : 'ThrottlingException',
      'Rate exceeded',
    ),
  internal: (p: AwsProtocol) =>
    awsError(
      p,
      500,
      p === 'ec2Query' ? 'InternalError' : 'InternalServerError',
      'We encountered an internal error. Please try again.',
    ),
  unavailable: (p: AwsProtocol) =>
    awsError(p, 503, p === 'ec2Query' ? 'Unavailable' : 'ServiceUnavailable', 'Service is unavailable'),
  accessDenied: (p: AwsProtocol) =>
    awsError(
      p,
      p === 'awsJson1_1' ? 400 : 403,
      p === 'ec2Query' ? 'UnauthorizedOperation' : 'AccessDeniedException',
      'User: arn:aws:iam::123456789012:user/dev is not authorized to perform this operation',
    ),
} as const;

/** Starts the fake on 127.0.0.1 (port 0 picks a free one; a fixed port lets a test bring it back). */
export async function startFakeAws(handler: FakeAwsHandler, port = 0): Promise<FakeAws> {
  let current = handler;
  const requests: FakeAwsRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const scope = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(String(req.headers.authorization ?? ''));
    const request: FakeAwsRequest = {
      service: scope?.[1] ?? '?',
      operation: operationOf(req, url.pathname, body),
      method: req.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      at: Date.now(),
      status: 0,
    };
    requests.push(request);
    let reply: FakeAwsReply;
    try {
      reply = await current(request);
    } catch (error) {
      reply = { status: 500, json: { message: String(error) } };
    }
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if (reply.hang) {
      request.status = -1;
      return; // the socket stays open until the client gives up or the fake closes
    }
    if (reply.reset) {
      request.status = -1;
      req.socket.destroy();
      return;
    }
    const status = reply.status ?? 200;
    request.status = status;
    const text = reply.body ?? JSON.stringify(reply.json ?? {});
    const isJson = reply.body === undefined;
    res.writeHead(status, {
      'content-type': isJson
        ? request.headers['x-amz-target']
          ? 'application/x-amz-json-1.1'
          : 'application/json'
        : 'text/xml',
      'x-amzn-requestid': `fake-${requests.length}`,
      ...reply.headers,
    });
    res.end(text);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    requests,
    count: (operation) => requests.filter((r) => operation === undefined || r.operation === operation).length,
    setHandler: (next) => {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
