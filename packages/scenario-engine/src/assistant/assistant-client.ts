/** One exchange with the assistant, kept in transcript.json. */
export interface AssistantTurn {
  step: 'rca' | 'remedy';
  request: unknown;
  response: unknown;
  /** The answer text the evaluators read. */
  text: string;
  startedAt: number;
  durationMs: number;
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
