import { ScenarioEngineError, ScenarioEngineErrorCode } from '../errors';
import { type AssistantClient, type AssistantTurn, postJson } from './assistant-client';

/** Options of {@link OpenAiChatClient}. */
export interface OpenAiChatClientOptions {
  /** Base URL ending in /v1; requests go to `${baseUrl}/chat/completions`. */
  baseUrl: string;
  model: string;
  apiKey?: string;
  now?: () => number;
}

type Message = { role: 'system' | 'user' | 'assistant'; content: string };

/** An OpenAI-compatible chat-completions endpoint (the usual shape of a self-hosted assistant). */
export class OpenAiChatClient implements AssistantClient {
  private readonly history: Message[] = [];
  private readonly now: () => number;

  constructor(private readonly options: OpenAiChatClientOptions) {
    this.now = options.now ?? Date.now;
  }

  private async ask(
    step: 'rca' | 'remedy',
    system: string | undefined,
    user: string,
    timeoutMs: number,
  ): Promise<AssistantTurn> {
    if (system) this.history.push({ role: 'system', content: system });
    this.history.push({ role: 'user', content: user });
    const request = { model: this.options.model, messages: [...this.history], temperature: 0 };
    const headers: Record<string, string> = this.options.apiKey
      ? { authorization: `Bearer ${this.options.apiKey}` }
      : {};
    const startedAt = this.now();
    const response = (await postJson(
      `${this.options.baseUrl}/chat/completions`,
      request,
      headers,
      timeoutMs,
    )) as {
      choices?: Array<{ message?: { content?: unknown } }>;
    };
    const text = response.choices?.[0]?.message?.content;
    if (typeof text !== 'string') {
      throw new ScenarioEngineError(
        ScenarioEngineErrorCode.AssistantFailed,
        'the chat completion has no choices[0].message.content',
      );
    }
    this.history.push({ role: 'assistant', content: text });
    return { step, request, response, text, startedAt, durationMs: this.now() - startedAt };
  }

  rca(input: {
    system?: string;
    user: string;
    incidentId: string;
    timeoutMs: number;
  }): Promise<AssistantTurn> {
    return this.ask('rca', input.system, `${input.user}\n\nIncident: ${input.incidentId}`, input.timeoutMs);
  }

  remedy(input: { system?: string; user: string; timeoutMs: number }): Promise<AssistantTurn> {
    return this.ask('remedy', input.system, input.user, input.timeoutMs);
  }
}
