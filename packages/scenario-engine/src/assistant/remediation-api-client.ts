import { ScenarioEngineError, ScenarioEngineErrorCode } from '../errors';
import { type AssistantClient, type AssistantTurn, postJson } from './assistant-client';

/** Options of {@link RemediationApiClient}. */
export interface RemediationApiClientOptions {
  /** Base URL; requests go to `${baseUrl}/workflow`. */
  baseUrl: string;
  /** Bearer token, if the API needs one. */
  token?: string;
  now?: () => number;
}

function textAt(response: unknown): string {
  const output = (response as { output?: { text?: unknown } } | null)?.output;
  if (typeof output?.text !== 'string') {
    throw new ScenarioEngineError(
      ScenarioEngineErrorCode.AssistantFailed,
      'the remediation API answer has no output.text',
    );
  }
  return output.text;
}

/**
 * The seed's remediation workflow API: `InitiateEnsemble` (ensemble REMEDIATION) with the incident
 * returns the RCA and an interrupt; `ResumeEnsemble` with `node_input` on that interrupt returns the
 * remedy.
 */
export class RemediationApiClient implements AssistantClient {
  private state: { threadId: string; interruptId: string; nodeId: string } | undefined;
  private readonly now: () => number;

  constructor(private readonly options: RemediationApiClientOptions) {
    this.now = options.now ?? Date.now;
  }

  private headers(): Record<string, string> {
    return this.options.token ? { authorization: `Bearer ${this.options.token}` } : {};
  }

  async rca(input: {
    system?: string;
    user: string;
    incidentId: string;
    timeoutMs: number;
  }): Promise<AssistantTurn> {
    const request = {
      apiMethod: 'InitiateEnsemble',
      apiVersion: '1',
      ensembleName: 'REMEDIATION',
      payload: {
        incidentId: input.incidentId,
        rcaAnalysis: {
          title: input.system ?? 'Incident analysis',
          summary: input.user,
          nextSteps: 'Awaiting analysis',
        },
      },
    };
    const startedAt = this.now();
    const response = (await postJson(
      `${this.options.baseUrl}/workflow`,
      request,
      this.headers(),
      input.timeoutMs,
    )) as Record<string, unknown>;
    if (typeof response.threadId === 'string' && typeof response.interruptId === 'string') {
      this.state = {
        threadId: response.threadId,
        interruptId: response.interruptId,
        nodeId: String(response.nodeId ?? ''),
      };
    }
    return {
      step: 'rca',
      request,
      response,
      text: textAt(response),
      startedAt,
      durationMs: this.now() - startedAt,
    };
  }

  async remedy(input: { system?: string; user: string; timeoutMs: number }): Promise<AssistantTurn> {
    if (!this.state) {
      throw new ScenarioEngineError(
        ScenarioEngineErrorCode.AssistantFailed,
        'ResumeEnsemble needs the interrupt of an InitiateEnsemble answer',
      );
    }
    const request = {
      apiMethod: 'ResumeEnsemble',
      apiVersion: '1',
      payload: {
        messageType: 'node_input',
        stateIdentifier: { threadId: this.state.threadId, interruptId: this.state.interruptId },
        nodeId: this.state.nodeId,
        inputProperties: { input: input.system ? `${input.system}\n\n${input.user}` : input.user },
      },
    };
    const startedAt = this.now();
    const response = await postJson(
      `${this.options.baseUrl}/workflow`,
      request,
      this.headers(),
      input.timeoutMs,
    );
    return {
      step: 'remedy',
      request,
      response,
      text: textAt(response),
      startedAt,
      durationMs: this.now() - startedAt,
    };
  }
}
