import { setTimeout as sleepMs } from 'node:timers/promises';
import type { Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  isJSONRPCErrorResponse,
  isJSONRPCNotification,
  isJSONRPCRequest,
  isJSONRPCResultResponse,
  type JSONRPCMessage,
  type MessageExtraInfo,
  type RequestId,
} from '@modelcontextprotocol/sdk/types.js';
import type { Metrics } from '../metrics';
import type { ChaosOptions } from '../options';
import { errorResult } from '../tool-result';
import { decideChaos } from './chaos';

/** What {@link InstrumentedTransport} measures and injects. */
export interface InstrumentationOptions {
  metrics?: Metrics;
  chaos: ChaosOptions;
  /** Registered tool names; calls to others are counted as `unknown` so clients cannot mint labels. */
  knownTools: ReadonlySet<string>;
  /** Monotonic clock in ms. Defaults to `performance.now`. */
  now?: () => number;
  /** Random source for the error rate. Defaults to `Math.random`. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Wraps any server transport to time each `tools/call` (per-tool counts and latency) and, when
 * FAULTLINE_CHAOS_* is set, delay calls or fail them on purpose, the way seed 003's middleware does.
 * Everything else, progress notifications included, passes through untouched.
 */
export class InstrumentedTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T, extra?: MessageExtraInfo) => void;
  private readonly pending = new Map<RequestId, { tool: string; started: number }>();
  /** Ids of the requests received and not answered yet (every method, not only tools/call). */
  private readonly unanswered = new Set<RequestId>();
  private readonly now: () => number;

  constructor(
    private readonly inner: Transport,
    private readonly options: InstrumentationOptions,
  ) {
    this.now = options.now ?? (() => performance.now());
  }

  /** How many requests received over this transport have no answer yet. */
  get requestsInFlight(): number {
    return this.unanswered.size;
  }

  get sessionId(): string | undefined {
    return this.inner.sessionId;
  }

  setProtocolVersion(version: string): void {
    this.inner.setProtocolVersion?.(version);
  }

  async start(): Promise<void> {
    this.inner.onmessage = (message, extra) => void this.receive(message, extra);
    this.inner.onclose = () => this.onclose?.();
    this.inner.onerror = (error) => this.onerror?.(error);
    await this.inner.start();
  }

  async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    if ((isJSONRPCResultResponse(message) || isJSONRPCErrorResponse(message)) && message.id !== undefined) {
      this.unanswered.delete(message.id);
      const call = this.pending.get(message.id);
      if (call) {
        this.pending.delete(message.id);
        const outcome = isJSONRPCErrorResponse(message)
          ? 'protocol_error'
          : (message.result as { isError?: boolean }).isError
            ? 'error'
            : 'ok';
        this.options.metrics?.recordToolCall(call.tool, outcome, (this.now() - call.started) / 1000);
      }
    }
    return this.inner.send(message, options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async receive(message: JSONRPCMessage, extra?: MessageExtraInfo): Promise<void> {
    if (isJSONRPCRequest(message)) this.unanswered.add(message.id);
    if (!isJSONRPCRequest(message) || message.method !== 'tools/call') {
      if (isJSONRPCNotification(message) && message.method === 'notifications/cancelled') {
        this.pending.delete((message.params as { requestId?: RequestId } | undefined)?.requestId ?? '');
      }
      this.onmessage?.(message, extra);
      return;
    }
    const name = String((message.params as { name?: unknown } | undefined)?.name ?? '');
    const tool = this.options.knownTools.has(name) ? name : 'unknown';
    this.pending.set(message.id, { tool, started: this.now() });
    const decision = decideChaos(this.options.chaos, this.options.random);
    if (decision.delayMs > 0) {
      this.options.metrics?.recordChaos('delay');
      await (this.options.sleep ?? sleepMs)(decision.delayMs);
    }
    if (decision.fail) {
      this.options.metrics?.recordChaos('error');
      const result = errorResult(
        'CHAOS_INJECTED_ERROR',
        `fault injected on purpose into ${name} (FAULTLINE_CHAOS_ERROR_RATE=${this.options.chaos.errorRate}); retry, or ask the operator to turn fault injection off`,
      );
      await this.send({ jsonrpc: '2.0', id: message.id, result }, { relatedRequestId: message.id }).catch(
        (error: unknown) => this.onerror?.(error instanceof Error ? error : new Error(String(error))),
      );
      return;
    }
    this.onmessage?.(message, extra);
  }
}
