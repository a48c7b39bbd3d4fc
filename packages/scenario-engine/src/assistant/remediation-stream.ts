import WebSocket from 'ws';
import { ScenarioEngineError, ScenarioEngineErrorCode } from '../errors';
import type { AssistantStreamRecord } from './assistant-client';

/** Event types whose `text` is appended to the answer. */
export const DELTA_EVENT_TYPES: readonly string[] = ['delta', 'token', 'chunk'];
/** Event types that end the turn with the answer (and, when they carry one, the state to resume). */
export const FINAL_EVENT_TYPES: readonly string[] = ['message', 'final', 'done', 'completed'];
/** The event type that ends the turn on an interrupt: `threadId` and `interruptId` are required. */
export const INTERRUPT_EVENT_TYPE = 'interrupt';
/** The event type that fails the turn. */
export const ERROR_EVENT_TYPE = 'error';

/** Where a remediation workflow paused: what ResumeEnsemble sends back. */
export interface ResumeState {
  threadId: string;
  interruptId: string;
  nodeId: string;
}

/** Limits of one streamed turn. */
export interface StreamLimits {
  /** Time to open the socket (capped by the turn's time limit). */
  connectTimeoutMs: number;
  /** Largest frame accepted (the socket's `maxPayload`); a larger one fails the turn. */
  maxFrameBytes: number;
  /** Largest answer assembled from deltas; more fails the turn. */
  maxAnswerBytes: number;
  /** Events kept in the transcript; later ones are only counted (`droppedEvents`). */
  maxStoredEvents: number;
  /** Bytes of events kept in the transcript; later ones are only counted. */
  maxStoredBytes: number;
}

/** Default {@link StreamLimits}. */
export const DEFAULT_STREAM_LIMITS: StreamLimits = {
  connectTimeoutMs: 10_000,
  maxFrameBytes: 1_048_576,
  maxAnswerBytes: 1_048_576,
  maxStoredEvents: 1000,
  maxStoredBytes: 524_288,
};

/** One turn over the WebSocket. */
export interface StreamTurnOptions extends StreamLimits {
  url: string;
  /** The InitiateEnsemble / ResumeEnsemble envelope, sent as one JSON text message. */
  request: unknown;
  token?: string;
  /** The whole turn (connect included) must end within this. */
  timeoutMs: number;
  now: () => number;
}

/** What a streamed turn produced. */
export interface StreamedAnswer {
  text: string;
  /** The event that ended the turn. */
  final: Record<string, unknown>;
  /** The state to resume, when the ending event carried one. */
  resume?: ResumeState;
  stream: AssistantStreamRecord;
}

type EventObject = Record<string, unknown> & { type: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The answer text an ending event carries: `output.text`, else `text`. */
function endingText(event: Record<string, unknown>): string | undefined {
  const output = event.output;
  if (isRecord(output) && typeof output.text === 'string') return output.text;
  return typeof event.text === 'string' ? event.text : undefined;
}

/** `threadId` / `interruptId` / `nodeId` at the top level of the event or in `stateIdentifier`. */
function resumeStateOf(event: Record<string, unknown>): ResumeState | undefined {
  const nested = isRecord(event.stateIdentifier) ? event.stateIdentifier : {};
  const threadId = event.threadId ?? nested.threadId;
  const interruptId = event.interruptId ?? nested.interruptId;
  if (typeof threadId !== 'string' || typeof interruptId !== 'string') return undefined;
  return { threadId, interruptId, nodeId: String(event.nodeId ?? nested.nodeId ?? '') };
}

function errorMessageOf(event: Record<string, unknown>): string {
  if (typeof event.message === 'string') return event.message;
  if (typeof event.error === 'string') return event.error;
  if (isRecord(event.error) && typeof event.error.message === 'string') return event.error.message;
  return 'no message';
}

function frameBytes(data: WebSocket.RawData): number {
  if (Array.isArray(data)) return data.reduce((n, b) => n + b.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

function frameText(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return JSON.stringify(flat.length > 80 ? `${flat.slice(0, 80)}…` : flat);
}

/**
 * One turn of the remediation API over its WebSocket: opens the socket (with the bearer token, if
 * any), sends `request` as one JSON text message and assembles the answer from the streamed events
 * until an ending event (see docs/scenario-engine.md, "Streaming over WebSocket"). Every failure —
 * connect or turn timeout, refused handshake, the server closing mid-turn, a frame that is not a JSON
 * event, a frame over `maxFrameBytes`, an `error` event — rejects with a ScenarioEngineError
 * `AssistantFailed` whose `data.stream` holds the events received so far. The socket is always closed.
 */
export function streamTurn(options: StreamTurnOptions): Promise<StreamedAnswer> {
  const startedAt = options.now();
  const since = () => options.now() - startedAt;
  const record: AssistantStreamRecord = {
    transport: 'websocket',
    url: options.url,
    endedBy: undefined,
    connectMs: undefined,
    timeToFirstTokenMs: undefined,
    durationMs: 0,
    eventCount: 0,
    receivedBytes: 0,
    unknownEvents: 0,
    unknownTypes: [],
    droppedEvents: 0,
    events: [],
  };
  let storedBytes = 0;
  let text = '';
  let textBytes = 0;
  let settled = false;
  let socket: WebSocket | undefined;
  const timers: NodeJS.Timeout[] = [];

  return new Promise<StreamedAnswer>((resolve, reject) => {
    const fail = (reason: string, cause?: unknown) => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      record.durationMs = since();
      socket?.terminate();
      reject(
        new ScenarioEngineError(
          ScenarioEngineErrorCode.AssistantFailed,
          `remediation API stream ${options.url}: ${reason}`,
          { cause, data: { stream: record } },
        ),
      );
    };
    const succeed = (final: EventObject, answer: string, resume: ResumeState | undefined) => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      record.endedBy = final.type;
      record.durationMs = since();
      const open = socket;
      if (open) {
        open.close(1000, 'turn complete');
        // a server that never answers the close handshake must not keep the process alive
        setTimeout(() => open.terminate(), 1000).unref();
      }
      resolve({ text: answer, final, resume, stream: record });
    };

    const store = (event: unknown, bytes: number) => {
      if (record.events.length < options.maxStoredEvents && storedBytes + bytes <= options.maxStoredBytes) {
        record.events.push({ atMs: since(), event });
        storedBytes += bytes;
      } else {
        record.droppedEvents += 1;
      }
    };

    const onEvent = (event: EventObject) => {
      const type = event.type.toLowerCase();
      if (DELTA_EVENT_TYPES.includes(type)) {
        const piece = event.text ?? event.delta ?? event.content;
        if (typeof piece !== 'string') {
          fail(`event ${record.eventCount} (${event.type}) has no string text`);
          return;
        }
        textBytes += Buffer.byteLength(piece);
        if (textBytes > options.maxAnswerBytes) {
          fail(`the streamed answer exceeds ${options.maxAnswerBytes} bytes`);
          return;
        }
        if (piece.length > 0 && record.timeToFirstTokenMs === undefined) record.timeToFirstTokenMs = since();
        text += piece;
        return;
      }
      if (type === ERROR_EVENT_TYPE) {
        fail(`the API streamed an error: ${errorMessageOf(event)}`);
        return;
      }
      const interrupt = type === INTERRUPT_EVENT_TYPE;
      if (interrupt || FINAL_EVENT_TYPES.includes(type)) {
        const resume = resumeStateOf(event);
        if (interrupt && !resume) {
          fail('the interrupt event has no threadId and interruptId to resume');
          return;
        }
        const carried = endingText(event);
        const answer = carried ?? text;
        if (carried === undefined && text.length === 0) {
          fail(`the turn ended (${event.type}) with no answer: no output.text and no streamed text`);
          return;
        }
        if (record.timeToFirstTokenMs === undefined && answer.length > 0) record.timeToFirstTokenMs = since();
        succeed(event, answer, resume);
        return;
      }
      record.unknownEvents += 1;
      const name = event.type.slice(0, 64);
      if (record.unknownTypes.length < 20 && !record.unknownTypes.includes(name))
        record.unknownTypes.push(name);
    };

    const headers: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
    const connectMs = Math.min(options.connectTimeoutMs, options.timeoutMs);
    try {
      socket = new WebSocket(options.url, {
        headers,
        maxPayload: options.maxFrameBytes,
        // our own timer below reports the connect timeout; this one only backs it up
        handshakeTimeout: connectMs + 1000,
      });
    } catch (error) {
      fail(`cannot open the WebSocket: ${(error as Error).message}`, error);
      return;
    }
    const ws = socket;
    timers.push(
      setTimeout(() => {
        if (ws.readyState === WebSocket.CONNECTING) fail(`could not connect within ${connectMs} ms`);
      }, connectMs),
      setTimeout(
        () =>
          fail(
            `no end of turn within ${options.timeoutMs} ms (${record.eventCount} events, ${text.length} characters received)`,
          ),
        options.timeoutMs,
      ),
    );
    ws.on('unexpected-response', (_request, response) => {
      response.resume();
      fail(`the WebSocket handshake was refused: HTTP ${response.statusCode}`);
    });
    ws.on('open', () => {
      record.connectMs = since();
      ws.send(JSON.stringify(options.request), (error) => {
        if (error) fail(`could not send the request: ${error.message}`, error);
      });
    });
    ws.on('message', (data, isBinary) => {
      if (settled) return;
      const bytes = frameBytes(data);
      record.eventCount += 1;
      record.receivedBytes += bytes;
      const raw = frameText(data);
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        store({ malformed: preview(raw), binary: isBinary }, bytes);
        fail(`frame ${record.eventCount} is not JSON: ${preview(raw)}`);
        return;
      }
      store(parsed, bytes);
      if (!isRecord(parsed) || typeof parsed.type !== 'string') {
        fail(
          `frame ${record.eventCount} is not an event (a JSON object with a string "type"): ${preview(raw)}`,
        );
        return;
      }
      onEvent(parsed as EventObject);
    });
    ws.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        fail(`a frame exceeded the ${options.maxFrameBytes}-byte limit`, error);
      } else {
        fail(`WebSocket error: ${error.message}`, error);
      }
    });
    ws.on('close', (code, reason) => {
      const why = reason.length > 0 ? `, ${reason.toString('utf8').slice(0, 120)}` : '';
      fail(`the server closed the WebSocket mid-turn (code ${code}${why}) after ${record.eventCount} events`);
    });
  });
}
