import {
  CreateExperimentTemplateCommand,
  type CreateExperimentTemplateCommandInput,
  DeleteExperimentTemplateCommand,
  FisClient,
  type FisClientConfig,
  GetExperimentCommand,
  ListExperimentsCommand,
  StartExperimentCommand,
  StopExperimentCommand,
} from '@aws-sdk/client-fis';
import { fisClientConfig, validateTemplate } from '@faultline/fis-core';
import { toMs } from '../../duration';
import { ScenarioEngineError, ScenarioEngineErrorCode } from '../../errors';
import type { Fault } from '../../scenario/schema';
import type { ActiveFault, FaultObservation, FaultProvider, InjectHooks } from '../fault-provider';

/** Options of {@link AwsFisProvider}: a client or its config, clocks for tests. */
export type AwsFisProviderOptions = (
  | { client: FisClient; clientConfig?: never }
  | { clientConfig?: FisClientConfig; client?: never }
) & {
  runId: string;
  /** Validates the template before anything is created. Default: fis-core's `validateTemplate`. */
  validate?: (template: unknown) => { valid: boolean; errors: Array<{ path: string; message: string }> };
  /** How long to wait for the experiment to leave pending/initiating, in ms. Default 120000. */
  startTimeoutMs?: number;
  /** Wait between GetExperiment polls while the experiment starts. Default: the fault's `poll_interval` (5 s). */
  pollIntervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
};

const TERMINAL = new Set(['completed', 'stopped', 'failed', 'cancelled']);

/** Pages of ListExperiments read when looking for an experiment whose id was never journaled. */
const MAX_LIST_PAGES = 10;

/**
 * AWS FIS: creates an experiment template (only if it passes fis-core's validator), starts the
 * experiment, polls it until it runs, and on revert stops it and deletes the template. The template
 * and experiment ids are handed to `hooks.onHandle` as soon as AWS returns them, so a run killed
 * while the experiment starts can still be rolled back. A start that fails half-way undoes itself.
 */
export class AwsFisProvider implements FaultProvider {
  readonly name = 'aws-fis' as const;
  private readonly clients = new Map<string, FisClient>();
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: AwsFisProviderOptions) {
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** The client of a region (the fault's `region`, else the SDK's default region); built once. */
  private client(region: string | undefined): FisClient {
    if (this.options.client) return this.options.client;
    const key = region ?? '';
    let client = this.clients.get(key);
    if (!client) {
      client = new FisClient({
        ...fisClientConfig(),
        ...(this.options.clientConfig ?? {}),
        ...(region !== undefined && { region }),
      });
      this.clients.set(key, client);
    }
    return client;
  }

  async inject(fault: Fault, id: string, hooks: InjectHooks = {}): Promise<ActiveFault> {
    if (fault.type !== 'aws-fis')
      throw new ScenarioEngineError(
        ScenarioEngineErrorCode.FaultUnsupported,
        `aws-fis does not run ${fault.type}`,
      );
    const validation = (this.options.validate ?? validateTemplate)(fault.template);
    if (!validation.valid) {
      throw new ScenarioEngineError(
        ScenarioEngineErrorCode.TemplateInvalid,
        `the FIS template is not valid: ${validation.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
        { data: { errors: validation.errors } },
      );
    }
    const template = fault.template as unknown as CreateExperimentTemplateCommandInput;
    const tags = { ...(template.tags ?? {}), 'faultline:run-id': this.options.runId };
    const client = this.client(fault.region);
    const handle: Record<string, unknown> = { region: fault.region };
    const active = (): ActiveFault => ({
      id,
      provider: 'aws-fis',
      type: 'aws-fis',
      target: fault.target,
      injectedAt: Date.now(),
      recoveryFrom: 'revert',
      handle: { ...handle },
    });
    try {
      const output = await client.send(
        new CreateExperimentTemplateCommand({
          ...template,
          clientToken: `${this.options.runId}-${id}-t`.slice(0, 64),
          tags,
        }),
      );
      handle.templateId = output.experimentTemplate?.id as string;
      hooks.onHandle?.({ ...handle });
      const started = await client.send(
        new StartExperimentCommand({
          experimentTemplateId: handle.templateId as string,
          clientToken: `${this.options.runId}-${id}-e`.slice(0, 64),
          tags,
        }),
      );
      handle.experimentId = started.experiment?.id as string;
      hooks.onHandle?.({ ...handle });
      const injected = active();
      await this.waitUntilRunning(
        client,
        handle.experimentId as string,
        this.options.pollIntervalMs ?? toMs(fault.poll_interval) ?? 5000,
      );
      return injected;
    } catch (error) {
      // undo what was created: a stuck or half-started experiment must not outlive the failed step
      if (handle.templateId) await this.revert(active()).catch(() => {});
      if (ScenarioEngineError.isInstance(error)) throw error;
      throw new ScenarioEngineError(
        ScenarioEngineErrorCode.FaultFailed,
        `AWS FIS: ${(error as Error).message}`,
        { cause: error, data: awsErrorData(error) },
      );
    }
  }

  private async waitUntilRunning(client: FisClient, experimentId: string, pollMs: number): Promise<void> {
    const deadline = Date.now() + (this.options.startTimeoutMs ?? 120_000);
    for (;;) {
      const state = await this.status(client, experimentId);
      if (state.status === 'running' || state.status === 'completed') return;
      if (state.status && TERMINAL.has(state.status)) {
        throw new ScenarioEngineError(
          ScenarioEngineErrorCode.FaultFailed,
          `experiment ${experimentId} ${state.status}: ${state.reason ?? ''}`,
        );
      }
      if (Date.now() > deadline) {
        throw new ScenarioEngineError(
          ScenarioEngineErrorCode.FaultFailed,
          `experiment ${experimentId} still ${state.status} at the start timeout`,
        );
      }
      await this.sleep(pollMs);
    }
  }

  private async status(
    client: FisClient,
    experimentId: string,
  ): Promise<{ status?: string; reason?: string }> {
    const output = await client.send(new GetExperimentCommand({ id: experimentId }));
    return { status: output.experiment?.state?.status, reason: output.experiment?.state?.reason };
  }

  async observe(active: ActiveFault): Promise<FaultObservation> {
    const client = this.client(active.handle.region as string | undefined);
    const state = await this.status(client, active.handle.experimentId as string);
    return { state: state.status ?? 'unknown', detail: state.reason ? { reason: state.reason } : undefined };
  }

  /**
   * Stops the experiment and deletes the template. With only a template id (the run died between
   * StartExperiment and its answer), the experiments started from that template are found with
   * ListExperiments and stopped. Throws when the experiment could not be stopped, so the caller
   * reports it; the template is deleted regardless.
   */
  async revert(active: ActiveFault): Promise<void> {
    const client = this.client(active.handle.region as string | undefined);
    const templateId = active.handle.templateId as string | undefined;
    let experimentIds = active.handle.experimentId ? [active.handle.experimentId as string] : [];
    let failure: unknown;
    try {
      if (experimentIds.length === 0 && templateId)
        experimentIds = await this.startedFrom(client, templateId);
      for (const experimentId of experimentIds) {
        const state = await this.status(client, experimentId).catch(() => ({ status: undefined }));
        if (!state.status || !TERMINAL.has(state.status)) {
          await client.send(new StopExperimentCommand({ id: experimentId })).catch((error: unknown) => {
            // already ended between the two calls: nothing left to stop
            if ((error as { name?: string }).name !== 'ResourceNotFoundException') throw error;
          });
        }
      }
    } catch (error) {
      failure = error;
    }
    if (templateId) {
      await client.send(new DeleteExperimentTemplateCommand({ id: templateId })).catch(() => {});
    }
    if (failure) {
      throw new ScenarioEngineError(
        ScenarioEngineErrorCode.FaultFailed,
        `AWS FIS: stopping ${experimentIds.join(', ') || `the experiments of template ${templateId}`} failed: ${(failure as Error).message}`,
        { cause: failure, data: awsErrorData(failure) },
      );
    }
  }

  /** Experiments started from a template, found through ListExperiments (bounded). */
  private async startedFrom(client: FisClient, templateId: string): Promise<string[]> {
    const ids: string[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_LIST_PAGES; page += 1) {
      const output = await client.send(new ListExperimentsCommand({ maxResults: 100, nextToken }));
      for (const e of output.experiments ?? [])
        if (e.id && e.experimentTemplateId === templateId) ids.push(e.id);
      nextToken = output.nextToken;
      if (!nextToken) break;
    }
    return ids;
  }
}

/** The AWS error name, HTTP status and attempts of an SDK error, for the report. */
function awsErrorData(error: unknown): Record<string, unknown> {
  const e = error as { name?: unknown; $metadata?: { httpStatusCode?: number; attempts?: number } };
  return {
    ...(typeof e?.name === 'string' && { awsError: e.name }),
    ...(e?.$metadata?.httpStatusCode !== undefined && { httpStatusCode: e.$metadata.httpStatusCode }),
    ...(e?.$metadata?.attempts !== undefined && { attempts: e.$metadata.attempts }),
  };
}
