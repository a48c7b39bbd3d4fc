/** One exchange with the assistant, kept in transcript.json. */
export interface AssistantTurn {
  step: 'rca' | 'remedy';
  request: unknown;
  response: unknown;
  /** The answer text the evaluators read. */
  text: string;
  startedAt: number;
  durationMs: number;
  /** How the answer was streamed, when it came over a WebSocket. */
  stream?: AssistantStreamRecord;
}

/**
 * The record of a streamed answer, kept in transcript.json (and in `data.stream` of the
 * ScenarioEngineError of a failed turn). `events` is bounded; `eventCount` counts every frame.
 */
export interface AssistantStreamRecord {
  transport: 'websocket';
  url: string;
  /** The `type` of the event that ended the turn (undefined when the turn failed). */
  endedBy: string | undefined;
  /** ms from the start of the turn until the socket was open. */
  connectMs: number | undefined;
  /** ms from the start of the turn (connect included) to the first answer text received. */
  timeToFirstTokenMs: number | undefined;
  /** ms from the start of the turn to its end (the same as the turn's durationMs on success). */
  durationMs: number;
  /** Frames received. */
  eventCount: number;
  /** Bytes of the frames received. */
  receivedBytes: number;
  /** Events of a type the client does not know, ignored. */
  unknownEvents: number;
  /** The distinct unknown types (at most 20). */
  unknownTypes: string[];
  /** Events received but not kept in `events` (over the event or byte cap). */
  droppedEvents: number;
  /** The events as received, with the ms since the start of the turn. */
  events: Array<{ atMs: number; event: unknown }>;
}

/** The assistant under test. */
export interface AssistantClient {
  /** Asks for a root-cause analysis of the incident. */
  rca(input: {
    system?: string;
    user: string;
    incidentId: string;
    timeoutMs: number;
  }): Promise<AssistantTurn>;
  /** Asks for a remedy, continuing the same conversation. */
  remedy(input: { system?: string; user: string; timeoutMs: number }): Promise<AssistantTurn>;
}

/** POSTs JSON and returns the parsed response, failing on non-2xx with the body's start. */
export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}: ${text.slice(0, 200)}`);
  return JSON.parse(text) as unknown;
}
