import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Fault } from '../../scenario/schema';
import { ChaosMeshProvider } from './chaos-mesh-provider';

interface Seen {
  method: string;
  url: string;
  auth?: string;
  type?: string;
  body?: Record<string, unknown>;
}

let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

/** A double of the Kubernetes API server that checks what it is sent. */
async function apiServerDouble(seen: Seen[]): Promise<string> {
  const store = new Map<string, Record<string, unknown>>();
  server = createServer(async (req, res) => {
    let text = '';
    for await (const c of req) text += c;
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    seen.push({
      method: req.method as string,
      url: req.url as string,
      auth: req.headers.authorization,
      type: req.headers['content-type'],
      body,
    });
    const send = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (req.headers.authorization !== 'Bearer t0ken') return send(401, { kind: 'Status', code: 401 });
    const m =
      /^\/apis\/chaos-mesh\.org\/v1alpha1\/namespaces\/([^/]+)\/(podchaos|networkchaos|stresschaos)(?:\/([^/]+))?$/.exec(
        req.url ?? '',
      );
    if (!m) return send(404, {});
    if (req.method === 'POST' && !m[3]) {
      const meta = body?.metadata as { name: string };
      if (body?.apiVersion !== 'chaos-mesh.org/v1alpha1' || !meta?.name || !body?.spec)
        return send(422, { reason: 'Invalid' });
      store.set(`${m[2]}/${meta.name}`, {
        ...body,
        status: { conditions: [{ type: 'AllInjected', status: 'True' }] },
      });
      return send(201, body);
    }
    const key = `${m[2]}/${m[3]}`;
    if (req.method === 'GET') return store.has(key) ? send(200, store.get(key)) : send(404, {});
    if (req.method === 'DELETE') return store.delete(key) ? send(200, {}) : send(404, {});
    return send(405, {});
  });
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

describe('ChaosMeshProvider', () => {
  it('applies a PodChaos through the API, observes it and deletes it on revert', async () => {
    // Prepare
    const seen: Seen[] = [];
    const url = await apiServerDouble(seen);
    const fault = {
      type: 'chaos-mesh',
      target: 'checkout',
      kind: 'PodChaos',
      namespace: 'shop',
      api_server: url,
      spec: { action: 'pod-kill', mode: 'one', selector: { labelSelectors: { app: 'checkout' } } },
    } as unknown as Fault;
    const provider = new ChaosMeshProvider({ runId: 'r1', token: () => 't0ken' });
    // Act
    const active = await provider.inject(fault, '1-chaos-mesh-checkout');
    const observed = await provider
      .observe({ ...active, handle: { ...active.handle, tokenEnv: undefined } })
      .catch((e) => e);
    process.env.FL_TEST_K8S_TOKEN = 't0ken';
    const withToken = { ...active, handle: { ...active.handle, tokenEnv: 'FL_TEST_K8S_TOKEN' } };
    const state = await provider.observe(withToken);
    await provider.revert(withToken);
    await provider.revert(withToken); // idempotent: 404 on the second delete is fine
    delete process.env.FL_TEST_K8S_TOKEN;
    // Assess
    expect(observed).toBeInstanceOf(Error);
    expect(state.state).toBe('injected');
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/apis/chaos-mesh.org/v1alpha1/namespaces/shop/podchaos',
      auth: 'Bearer t0ken',
      type: 'application/json',
    });
    expect(seen[0]?.body).toMatchObject({
      kind: 'PodChaos',
      metadata: { name: 'faultline-r1-1-chaos-mesh-checkout', labels: { 'faultline/run-id': 'r1' } },
      spec: { action: 'pod-kill' },
    });
    expect(seen.filter((s) => s.method === 'DELETE').map((s) => s.url)).toEqual([
      '/apis/chaos-mesh.org/v1alpha1/namespaces/shop/podchaos/faultline-r1-1-chaos-mesh-checkout',
      '/apis/chaos-mesh.org/v1alpha1/namespaces/shop/podchaos/faultline-r1-1-chaos-mesh-checkout',
    ]);
  });
});
