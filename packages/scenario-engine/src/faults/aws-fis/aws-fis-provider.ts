import {
  CreateExperimentTemplateCommand,
  type CreateExperimentTemplateCommandInput,
  DeleteExperimentTemplateCommand,
  FisClient,
  type FisClientConfig,
  GetExperimentCommand,
  StartExperimentCommand,
  StopExperimentCommand,
} from '@aws-sdk/client-fis';
import { validateTemplate } from '@faultline/fis-core';
import { ScenarioEngineError, ScenarioEngineErrorCode } from '../../errors';
import type { Fault } from '../../scenario/schema';
import type { ActiveFault, FaultObservation, FaultProvider } from '../fault-provider';

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
  pollIntervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
};

const TERMINAL = new Set(['completed', 'stopped', 'failed', 'cancelled']);

/**
 * AWS FIS: creates an experiment template (only if it passes fis-core's validator), starts the
 * experiment, polls it until it runs, and on revert stops it and deletes the template.
 */
export class AwsFisProvider implements FaultProvider {
  readonly name = 'aws-fis' as const;
  private readonly client: FisClient;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: AwsFisProviderOptions) {
    this.client = options.client ?? new FisClient(options.clientConfig ?? {});
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  async inject(fault: Fault, id: string): Promise<ActiveFault> {
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
    let created: string;
    try {
      const output = await this.client.send(
        new CreateExperimentTemplateCommand({
          ...template,
          clientToken: `${this.options.runId}-${id}-t`.slice(0, 64),
          tags,
        }),
      );
      created = output.experimentTemplate?.id as string;
      const started = await this.client.send(
        new StartExperimentCommand({
          experimentTemplateId: created,
          clientToken: `${this.options.runId}-${id}-e`.slice(0, 64),
          tags,
        }),
      );
      const experimentId = started.experiment?.id as string;
      const injectedAt = Date.now();
      const active: ActiveFault = {
        id,
        provider: 'aws-fis',
        type: 'aws-fis',
        target: fault.target,
        injectedAt,
        recoveryFrom: 'revert',
        handle: { experimentId, templateId: created, region: fault.region },
      };
      await this.waitUntilRunning(experimentId);
      return active;
    } catch (error) {
      if (ScenarioEngineError.isInstance(error)) throw error;
      throw new ScenarioEngineError(
        ScenarioEngineErrorCode.FaultFailed,
        `AWS FIS: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  private async waitUntilRunning(experimentId: string): Promise<void> {
    const deadline = Date.now() + (this.options.startTimeoutMs ?? 120_000);
    for (;;) {
      const state = await this.status(experimentId);
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
      await this.sleep(this.options.pollIntervalMs ?? 5000);
    }
  }

  private async status(experimentId: string): Promise<{ status?: string; reason?: string }> {
    const output = await this.client.send(new GetExperimentCommand({ id: experimentId }));
    return { status: output.experiment?.state?.status, reason: output.experiment?.state?.reason };
  }

  async observe(active: ActiveFault): Promise<FaultObservation> {
    const state = await this.status(active.handle.experimentId as string);
    return { state: state.status ?? 'unknown', detail: state.reason ? { reason: state.reason } : undefined };
  }

  async revert(active: ActiveFault): Promise<void> {
    const experimentId = active.handle.experimentId as string | undefined;
    if (experimentId) {
      const state = await this.status(experimentId).catch(() => ({ status: undefined }));
      if (!state.status || !TERMINAL.has(state.status)) {
        await this.client.send(new StopExperimentCommand({ id: experimentId }));
      }
    }
    if (active.handle.templateId) {
      await this.client
        .send(new DeleteExperimentTemplateCommand({ id: active.handle.templateId as string }))
        .catch(() => {});
    }
  }
}
