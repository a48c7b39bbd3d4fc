import { describe, expect, it } from 'vitest';
import { Metrics } from './metrics';

describe('Metrics', () => {
  it('renders counters and a cumulative latency histogram in the Prometheus text format', () => {
    const metrics = new Metrics({ server: 'demo', version: '1.0.0' });
    metrics.recordToolCall('recommend', 'ok', 0.02);
    metrics.recordToolCall('recommend', 'ok', 3);
    metrics.recordToolCall('recommend', 'error', 0.001);
    metrics.recordHttpRequest('mcp', 200);
    metrics.recordChaos('delay');
    const text = metrics.render();
    expect(text).toContain('faultline_server_info{server="demo",version="1.0.0"} 1');
    expect(text).toContain('faultline_tool_calls_total{tool="recommend",outcome="ok"} 2');
    expect(text).toContain('faultline_tool_calls_total{tool="recommend",outcome="error"} 1');
    expect(text).toContain('faultline_tool_call_duration_seconds_bucket{tool="recommend",le="0.005"} 1');
    expect(text).toContain('faultline_tool_call_duration_seconds_bucket{tool="recommend",le="0.025"} 2');
    expect(text).toContain('faultline_tool_call_duration_seconds_bucket{tool="recommend",le="+Inf"} 3');
    expect(text).toContain('faultline_tool_call_duration_seconds_count{tool="recommend"} 3');
    expect(text).toContain('faultline_http_requests_total{route="mcp",status="200"} 1');
    expect(text).toContain('faultline_chaos_injected_total{kind="delay"} 1');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('escapes label values', () => {
    const metrics = new Metrics({ server: 'a"b\\c', version: '1' });
    expect(metrics.render()).toContain('server="a\\"b\\\\c"');
  });
});
