/** Upper bounds of the tool latency histogram, in seconds. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/** Outcome of a tool call: a result, a result with isError, or a JSON-RPC error (unknown tool, bad input). */
export type ToolOutcome = 'ok' | 'error' | 'protocol_error';

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

const escapeLabel = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labels = (pairs: Record<string, string>) =>
  `{${Object.entries(pairs)
    .map(([key, value]) => `${key}="${escapeLabel(value)}"`)
    .join(',')}}`;

/** Process-wide counters and histograms, rendered in the Prometheus text format (version 0.0.4). */
export class Metrics {
  private readonly toolCalls = new Map<string, number>();
  private readonly latency = new Map<string, Histogram>();
  private readonly httpRequests = new Map<string, number>();
  private readonly chaos = new Map<string, number>();
  private inFlight = 0;

  constructor(private readonly info: { server: string; version: string }) {}

  /** Counts a finished tool call and its duration. */
  recordToolCall(tool: string, outcome: ToolOutcome, seconds: number): void {
    const key = JSON.stringify([tool, outcome]);
    this.toolCalls.set(key, (this.toolCalls.get(key) ?? 0) + 1);
    const histogram = this.latency.get(tool) ?? { counts: LATENCY_BUCKETS.map(() => 0), sum: 0, count: 0 };
    LATENCY_BUCKETS.forEach((bound, i) => {
      if (seconds <= bound) histogram.counts[i] = (histogram.counts[i] ?? 0) + 1;
    });
    histogram.sum += seconds;
    histogram.count += 1;
    this.latency.set(tool, histogram);
  }

  /** Counts an answered HTTP request by route and status. */
  recordHttpRequest(route: string, status: number): void {
    const key = JSON.stringify([route, String(status)]);
    this.httpRequests.set(key, (this.httpRequests.get(key) ?? 0) + 1);
  }

  /** Counts a fault injected on purpose (`delay` or `error`). */
  recordChaos(kind: 'delay' | 'error'): void {
    this.chaos.set(kind, (this.chaos.get(kind) ?? 0) + 1);
  }

  /** Adjusts the gauge of requests being served. */
  addInFlight(delta: number): void {
    this.inFlight += delta;
  }

  /** The exposition text served at /metrics. */
  render(): string {
    const lines = [
      '# HELP faultline_server_info Server name and version.',
      '# TYPE faultline_server_info gauge',
      `faultline_server_info${labels(this.info)} 1`,
      '# HELP faultline_tool_calls_total Tool calls by tool and outcome.',
      '# TYPE faultline_tool_calls_total counter',
    ];
    for (const [key, value] of this.toolCalls) {
      const [tool, outcome] = JSON.parse(key) as [string, string];
      lines.push(`faultline_tool_calls_total${labels({ tool, outcome })} ${value}`);
    }
    lines.push(
      '# HELP faultline_tool_call_duration_seconds Tool call latency.',
      '# TYPE faultline_tool_call_duration_seconds histogram',
    );
    for (const [tool, histogram] of this.latency) {
      LATENCY_BUCKETS.forEach((bound, i) => {
        lines.push(
          `faultline_tool_call_duration_seconds_bucket${labels({ tool, le: String(bound) })} ${histogram.counts[i]}`,
        );
      });
      lines.push(
        `faultline_tool_call_duration_seconds_bucket${labels({ tool, le: '+Inf' })} ${histogram.count}`,
        `faultline_tool_call_duration_seconds_sum${labels({ tool })} ${histogram.sum}`,
        `faultline_tool_call_duration_seconds_count${labels({ tool })} ${histogram.count}`,
      );
    }
    lines.push(
      '# HELP faultline_http_requests_total HTTP requests by route and status.',
      '# TYPE faultline_http_requests_total counter',
    );
    for (const [key, value] of this.httpRequests) {
      const [route, status] = JSON.parse(key) as [string, string];
      lines.push(`faultline_http_requests_total${labels({ route, status })} ${value}`);
    }
    lines.push(
      '# HELP faultline_http_requests_in_flight HTTP requests being served.',
      '# TYPE faultline_http_requests_in_flight gauge',
      `faultline_http_requests_in_flight ${this.inFlight}`,
      '# HELP faultline_chaos_injected_total Faults injected on purpose (FAULTLINE_CHAOS_*).',
      '# TYPE faultline_chaos_injected_total counter',
    );
    for (const [kind, value] of this.chaos)
      lines.push(`faultline_chaos_injected_total${labels({ kind })} ${value}`);
    return `${lines.join('\n')}\n`;
  }
}
