// The real FisClient (signing, serialisation, retries, deserialisation) against a local server that
// answers like the FIS restJson1 API. No AWS account, no network beyond 127.0.0.1.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FisCoreErrorCode } from '../errors';
import {
  getActionById,
  getTargetResourceTypeByName,
  listActionsPage1,
  listActionsPage2,
  listTargetResourceTypes,
  recordedActionIds,
} from './__fixtures__/fis-fixtures';
import { fetchCatalogFromAws } from './aws-catalog-fetcher';

interface SeenRequest {
  method: string;
  url: string;
  authorization: string;
  status: number;
}

let server: Server;
let endpoint: string;
const seen: SeenRequest[] = [];
/** Failures to give once each, keyed by `METHOD path` (without the query). */
let failOnce = new Map<string, { status: number; type: string }>();
let denyAll = false;

function send(res: ServerResponse, status: number, body: unknown, errorType?: string) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-amzn-requestid': `req-${seen.length}`,
  };
  if (errorType) headers['x-amzn-errortype'] = errorType;
  res.writeHead(status, headers);
  res.end(JSON.stringify(body));
}

function handle(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const record: SeenRequest = {
    method: req.method ?? '',
    url: req.url ?? '',
    authorization: String(req.headers.authorization ?? ''),
    status: 200,
  };
  seen.push(record);
  const reply = (status: number, body: unknown, errorType?: string) => {
    record.status = status;
    send(res, status, body, errorType);
  };

  if (denyAll) {
    return reply(
      403,
      { message: 'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: fis:ListActions' },
      'AccessDeniedException',
    );
  }
  const failure = failOnce.get(`${req.method} ${url.pathname}`);
  if (failure) {
    failOnce.delete(`${req.method} ${url.pathname}`);
    return reply(failure.status, { message: 'Rate exceeded' }, failure.type);
  }
  if (req.method !== 'GET') return reply(405, { message: 'method not allowed' }, 'ValidationException');

  const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (segments[0] === 'actions' && segments.length === 1) {
    return reply(
      200,
      url.searchParams.get('nextToken') === listActionsPage1.nextToken ? listActionsPage2 : listActionsPage1,
    );
  }
  if (segments[0] === 'actions' && segments.length === 2) {
    const action = getActionById[segments[1] as string];
    return action
      ? reply(200, action)
      : reply(404, { message: 'Action not found' }, 'ResourceNotFoundException');
  }
  if (segments[0] === 'targetResourceTypes' && segments.length === 1)
    return reply(200, listTargetResourceTypes);
  if (segments[0] === 'targetResourceTypes' && segments.length === 2) {
    const type = getTargetResourceTypeByName[segments[1] as string];
    return type
      ? reply(200, type)
      : reply(404, { message: 'Resource type not found' }, 'ResourceNotFoundException');
  }
  return reply(404, { message: `no route for ${url.pathname}` }, 'ResourceNotFoundException');
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const clientConfig = () => ({
  endpoint,
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
});

describe('fetchCatalogFromAws over HTTP with the real FisClient', () => {
  it('pages, gets each action and type, and lets the SDK retry a 429 and a 503', async () => {
    // Prepare
    seen.length = 0;
    denyAll = false;
    failOnce = new Map([
      ['GET /actions', { status: 429, type: 'ThrottlingException' }],
      ['GET /targetResourceTypes/aws%3Aecs%3Atask', { status: 503, type: 'ServiceUnavailableException' }],
    ]);

    // Act
    const { data, source } = await fetchCatalogFromAws(
      { clientConfig: clientConfig() },
      { region: 'us-east-1' },
    );

    // Assess: the SDK retried each failure once, and the result is complete.
    expect(seen.filter((r) => r.status === 429).map((r) => r.url)).toEqual(['/actions?maxResults=100']);
    expect(seen.filter((r) => r.status === 503).map((r) => r.url)).toEqual([
      '/targetResourceTypes/aws%3Aecs%3Atask',
    ]);
    expect(seen.every((r) => r.method === 'GET')).toBe(true);

    const ok = seen.filter((r) => r.status === 200).map((r) => r.url);
    const encodedToken = encodeURIComponent(listActionsPage1.nextToken as string);
    expect(ok.slice(0, 2)).toEqual([
      '/actions?maxResults=100',
      `/actions?maxResults=100&nextToken=${encodedToken}`,
    ]);
    expect(ok.filter((u) => u.startsWith('/actions/')).sort()).toEqual(
      recordedActionIds.map((id) => `/actions/${encodeURIComponent(id)}`).sort(),
    );
    expect(ok.filter((u) => u.startsWith('/targetResourceTypes?'))).toEqual([
      '/targetResourceTypes?maxResults=100',
    ]);
    expect(ok.filter((u) => u.startsWith('/targetResourceTypes/')).sort()).toEqual(
      Object.keys(getTargetResourceTypeByName)
        .map((t) => `/targetResourceTypes/${encodeURIComponent(t)}`)
        .sort(),
    );
    expect(seen).toHaveLength(2 + 1 + recordedActionIds.length + 1 + 5 + 1);

    // Every request was SigV4-signed for FIS in us-east-1 with the given key.
    expect(
      seen.every((r) =>
        /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/fis\/aws4_request/.test(r.authorization),
      ),
    ).toBe(true);

    expect(source).toMatchObject({ kind: 'aws', region: 'us-east-1' });
    expect(data.actions.map((a) => a.id)).toEqual(recordedActionIds);
    expect(data.actions.find((a) => a.id === 'aws:fis:wait')?.parameters[0]).toMatchObject({
      name: 'duration',
      type: 'ISO8601-duration',
      required: true,
    });
    expect(data.resourceTypes.find((r) => r.type === 'aws:ecs:task')?.parameters.map((p) => p.name)).toEqual([
      'cluster',
      'service',
    ]);
  }, 15_000);

  it('turns a 403 AccessDeniedException into CapabilityLookupFailed without retrying', async () => {
    seen.length = 0;
    denyAll = true;
    failOnce = new Map();
    try {
      await expect(
        fetchCatalogFromAws({ clientConfig: clientConfig() }, { region: 'us-east-1' }),
      ).rejects.toMatchObject({
        code: FisCoreErrorCode.CapabilityLookupFailed,
        message: expect.stringMatching(
          /^AWS denied ListActions in us-east-1 \(AccessDeniedException: User: arn:aws:iam::123456789012:user\/dev is not authorized/,
        ),
        cause: expect.objectContaining({
          name: 'AccessDeniedException',
          $metadata: expect.objectContaining({ httpStatusCode: 403 }),
        }),
      });
      expect(seen.map((r) => r.url)).toEqual(['/actions?maxResults=100']);
    } finally {
      denyAll = false;
    }
  });
});
