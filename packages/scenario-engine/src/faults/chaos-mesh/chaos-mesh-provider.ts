import { ScenarioEngineError, ScenarioEngineErrorCode } from '../../errors';
import type { Fault } from '../../scenario/schema';
import type { ActiveFault, FaultObservation, FaultProvider } from '../fault-provider';

/** Options of {@link ChaosMeshProvider}. */
export interface ChaosMeshProviderOptions {
  runId: string;
  /** Bearer token for the API server; default: the fault's `token_env` variable. */
  token?: (fault: Fault) => string | undefined;
  fetch?: typeof fetch;
}

const PLURAL: Record<string, string> = {
  PodChaos: 'podchaos',
  NetworkChaos: 'networkchaos',
  StressChaos: 'stresschaos',
};

/**
 * Chaos Mesh: applies a PodChaos, NetworkChaos or StressChaos resource through the Kubernetes API
 * (`POST /apis/chaos-mesh.org/v1alpha1/namespaces/{ns}/{plural}`) and deletes it on revert.
 */
export class ChaosMeshProvider implements FaultProvider {
  readonly name = 'chaos-mesh' as const;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: ChaosMeshProviderOptions) {
    this.fetch = options.fetch ?? fetch;
  }

  private async call(
    url: string,
    method: string,
    token: string | undefined,
    body?: unknown,
  ): Promise<Record<string, unknown>> {
    const response = await this.fetch(url, {
      method,
      headers: {
        accept: 'application/json',
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    if (!response.ok && !(method === 'DELETE' && response.status === 404)) {
      throw new ScenarioEngineError(
        ScenarioEngineErrorCode.FaultFailed,
        `Kubernetes API ${method} ${url}: HTTP ${response.status}: ${text.slice(0, 200)}`,
      );
    }
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  }

  async inject(fault: Fault, id: string): Promise<ActiveFault> {
    if (fault.type !== 'chaos-mesh')
      throw new ScenarioEngineError(
        ScenarioEngineErrorCode.FaultUnsupported,
        `chaos-mesh does not run ${fault.type}`,
      );
    const token = this.options.token
      ? this.options.token(fault)
      : fault.token_env
        ? process.env[fault.token_env]
        : undefined;
    const name = `faultline-${this.options.runId}-${id}`
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-')
      .slice(0, 63)
      .replace(/-+$/, '');
    const collection = `${fault.api_server.replace(/\/$/, '')}/apis/chaos-mesh.org/v1alpha1/namespaces/${fault.namespace}/${PLURAL[fault.kind]}`;
    const resource = {
      apiVersion: 'chaos-mesh.org/v1alpha1',
      kind: fault.kind,
      metadata: {
        name,
        namespace: fault.namespace,
        labels: { 'app.kubernetes.io/managed-by': 'faultline', 'faultline/run-id': this.options.runId },
      },
      spec: fault.spec,
    };
    const injectedAt = Date.now();
    await this.call(collection, 'POST', token, resource);
    return {
      id,
      provider: 'chaos-mesh',
      type: 'chaos-mesh',
      target: fault.target,
      injectedAt,
      recoveryFrom: 'revert',
      handle: { url: `${collection}/${name}`, tokenEnv: fault.token_env },
    };
  }

  private tokenOf(active: ActiveFault): string | undefined {
    const env = active.handle.tokenEnv as string | undefined;
    return env ? process.env[env] : undefined;
  }

  async observe(active: ActiveFault): Promise<FaultObservation> {
    const resource = await this.call(active.handle.url as string, 'GET', this.tokenOf(active));
    const status = resource.status as { conditions?: Array<{ type: string; status: string }> } | undefined;
    const injected = status?.conditions?.find((c) => c.type === 'AllInjected')?.status === 'True';
    return { state: injected ? 'injected' : 'pending', detail: { conditions: status?.conditions ?? [] } };
  }

  async revert(active: ActiveFault): Promise<void> {
    await this.call(active.handle.url as string, 'DELETE', this.tokenOf(active));
  }
}
