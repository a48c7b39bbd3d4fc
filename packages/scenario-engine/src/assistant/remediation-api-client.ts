import { ScenarioEngineError, ScenarioEngineErrorCode } from '../errors';
import {
  type AssistantClient,
  type AssistantStreamRecord,
  type AssistantTurn,
  postJson,
} from './assistant-client';
import { DEFAULT_STREAM_LIMITS, type ResumeState, type StreamLimits, streamTurn } from './remediation-stream';

/** Options of {@link RemediationApiClient}. */
export interface RemediationApiClientOptions extends Partial<StreamLimits> {
  /** Base URL; requests go to `${baseUrl}/workflow` (unless `wsUrl` is set). */
  baseUrl: string;
  /**
   * The API's WebSocket (e.g. `ws://localhost:8765/chatsocket`). When set, each turn opens it, sends
   * the envelope as one JSON message and assembles the answer from the streamed events; the limits
   * (`connectTimeoutMs`, `maxFrameBytes`, `maxAnswerBytes`, `maxStoredEvents`, `maxStoredBytes`)
   * apply to that stream.
   */
  wsUrl?: string;
  /** Bearer token, if the API needs one (HTTP header and WebSocket handshake). */
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

interface Exchange {
  response: unknown;
  text: string;
  resume?: ResumeState;
  stream?: AssistantStreamRecord;
}

/**
 * The seed's remediation workflow API: `InitiateEnsemble` (ensemble REMEDIATION) with the incident
 * returns the RCA and an interrupt; `ResumeEnsemble` with `node_input` on that interrupt returns the
 * remedy. Over HTTP (`POST {baseUrl}/workflow`), or streamed over the API's WebSocket when `wsUrl` is
 * set.
 */
export class RemediationApiClient implements AssistantClient {
  private state: ResumeState | undefined;
  private readonly now: () => number;

  constructor(private readonly options: RemediationApiClientOptions) {
    this.now = options.now ?? Date.now;
  }

  private headers(): Record<string, string> {
    return this.options.token ? { authorization: `Bearer ${this.options.token}` } : {};
  }

  private async exchange(request: unknown, timeoutMs: number): Promise<Exchange> {
    const { wsUrl } = this.options;
    if (wsUrl) {
      const answer = await streamTurn({
        ...DEFAULT_STREAM_LIMITS,
        ...Object.fromEntries(
          Object.entries({
            connectTimeoutMs: this.options.connectTimeoutMs,
            maxFrameBytes: this.options.maxFrameBytes,
            maxAnswerBytes: this.options.maxAnswerBytes,
            maxStoredEvents: this.options.maxStoredEvents,
            maxStoredBytes: this.options.maxStoredBytes,
          }).filter(([, v]) => v !== undefined),
        ),
        url: wsUrl,
        request,
        token: this.options.token,
        timeoutMs,
        now: this.now,
      });
      return { response: answer.final, text: answer.text, resume: answer.resume, stream: answer.stream };
    }
    const response = (await postJson(
      `${this.options.baseUrl}/workflow`,
      request,
      this.headers(),
      timeoutMs,
    )) as Record<string, unknown>;
    const resume =
      typeof response.threadId === 'string' && typeof response.interruptId === 'string'
        ? {
            threadId: response.threadId,
            interruptId: response.interruptId,
            nodeId: String(response.nodeId ?? ''),
          }
        : undefined;
    return { response, text: textAt(response), resume };
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
    const { response, text, resume, stream } = await this.exchange(request, input.timeoutMs);
    if (resume) this.state = resume;
    return {
      step: 'rca',
      request,
      response,
      text,
      startedAt,
      durationMs: this.now() - startedAt,
      ...(stream ? { stream } : {}),
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
    const { response, text, stream } = await this.exchange(request, input.timeoutMs);
    return {
      step: 'remedy',
      request,
      response,
      text,
      startedAt,
      durationMs: this.now() - startedAt,
      ...(stream ? { stream } : {}),
    };
  }
}
