import { describe, expect, it } from 'vitest';
import { ScenarioEngineError } from '../errors';
import { parseScenario, safeParseScenario } from './parse-scenario';
import { formatIssues } from './scenario-issue';

const VALID = `meta:
  id: demo
  title: Demo
bindings:
  port: 18080
  host: 127.0.0.1
services:
  - name: api
    command: [node, server.js, --port, "\${port}"]
    port: \${port}
    proxy_port: 18081
steady_state:
  probes:
    - name: health
      type: http
      url: http://\${host}:\${port}/health
fault:
  type: latency
  target: api
  latency_ms: 300
  duration: 2s
`;

describe('safeParseScenario', () => {
  it('substitutes bindings, keeping numbers as numbers, and fills defaults', () => {
    // Act
    const result = safeParseScenario(VALID);
    // Assess
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.scenario.services[0]?.port).toBe(18080);
    expect(result.scenario.services[0]?.command).toEqual(['node', 'server.js', '--port', '18080']);
    expect(result.scenario.steady_state.probes[0]).toMatchObject({
      url: 'http://127.0.0.1:18080/health',
      method: 'GET',
    });
    expect(result.scenario.meta.max_duration).toBe('5m');
  });

  it('lets the environment override the file and the command line override both', () => {
    const env = { FAULTLINE_BINDING_PORT: '19000', FAULTLINE_BINDING_HOST: 'localhost' };
    const result = safeParseScenario(VALID, { env, bindings: { port: '19500' } });
    expect(result.success && result.scenario.services[0]?.port).toBe(19500);
    expect(result.success && result.scenario.steady_state.probes[0]).toMatchObject({
      url: 'http://localhost:19500/health',
    });
  });

  it('reports every problem at once, each with its line and column', () => {
    // Prepare: five problems on different lines
    const text = `meta:
  id: Bad Id
  title: Demo
  colour: red
steady_state:
  interval: soon
  probes:
    - name: p1
      type: http
      url: not a url
    - name: p2
      type: tcp
      port: 99999
fault:
  type: latency
  target: missing
  latency_ms: \${delay}
`;
    // Act
    const result = safeParseScenario(text);
    // Assess
    expect(result.success).toBe(false);
    if (result.success) return;
    const where = result.issues.map((i) => `${i.line}:${i.column} ${i.path}`);
    expect(where).toEqual(
      expect.arrayContaining([
        '2:7 meta.id',
        '4:3 meta.colour',
        '6:13 steady_state.interval',
        '10:12 steady_state.probes[0].url',
        '13:13 steady_state.probes[1].port',
      ]),
    );
    expect(
      result.issues.some((i) => i.kind === 'binding' && i.line === 17 && /\$\{delay\}/.test(i.message)),
    ).toBe(true);
    expect(formatIssues(result.issues, 'bad.yaml').split('\n')[0]).toMatch(/^bad\.yaml:2:7 meta\.id: /);
  });

  it('explains a bad fault or probe by the kind it names: each field, what it expects, what it holds, where', () => {
    // Prepare: a process-kill fault with a wrong type and a signal that does not exist; an unknown probe type
    const text = VALID.replace(
      /fault:[\s\S]*$/,
      'fault:\n  type: process-kill\n  target: 5\n  signal: SIGFOO\n',
    ).replace('type: http', 'type: htp');
    // Act
    const result = safeParseScenario(text);
    // Assess
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issues.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`)).toEqual([
      '15:13 steady_state.probes[0].type: expected one of http, mcp, tcp, command, got "htp"',
      '19:11 fault.target: expected a string, got 5',
      '20:11 fault.signal: expected one of SIGTERM, SIGKILL, got "SIGFOO"',
    ]);
    const untitled = safeParseScenario(VALID.replace('  title: Demo\n', ''));
    expect(untitled.success === false && untitled.issues[0]).toMatchObject({
      path: 'meta.title',
      message: 'required: a string',
    });
  });

  it('sums up a cascade of syntax errors and says how to write ${name} inside { }', () => {
    const text = [
      'meta: { id: f, title: flow }',
      'bindings: { port: 1234 }',
      'services:',
      '  - { name: web, command: [node, -e, "1"], port: ${port} }',
      'steady_state:',
      '  probes:',
      '    - { name: p, type: tcp, host: 127.0.0.1, port: ${port} }',
    ].join('\n');
    const result = safeParseScenario(text);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issues[0]).toMatchObject({
      line: 4,
      message: expect.stringContaining('write that value in block style'),
    });
    expect(new Set(result.issues.slice(0, -1).map((i) => i.line)).size).toBe(result.issues.length - 1);
    expect(result.issues.length).toBeLessThanOrEqual(11);
    expect(result.issues.at(-1)?.message).toMatch(
      /^and \d+ more syntax errors, most likely caused by the first$/,
    );
  });

  it('reports YAML syntax errors with their position', () => {
    const result = safeParseScenario('meta:\n  id: x\n  id: y\nsteady_state: [\n');
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issues.every((i) => i.kind === 'yaml' && i.line >= 1)).toBe(true);
    expect(result.issues.length).toBeGreaterThanOrEqual(2);
  });

  it('prints the position of a YAML syntax error once, not again at the end of the message', () => {
    // Act
    const result = safeParseScenario('meta:\n  id: x\n  id: y\n');
    // Assess
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(formatIssues(result.issues, 'dup.yaml')).toBe('dup.yaml:3:3 Map keys must be unique');
  });

  it('checks cross-references: fault targets, proxies and allow-lists', () => {
    const text = `${VALID.replace('    proxy_port: 18081\n', '')}execute_remedy:
  sandbox: { allow: [echo] }
  commands:
    - { name: restart, cmd: kubectl, args: [rollout] }
`;
    const result = safeParseScenario(text);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issues.map((i) => [i.path, i.kind])).toEqual([
      ['fault.target', 'reference'],
      ['execute_remedy.commands[0].cmd', 'reference'],
    ]);
    expect(result.issues[0]?.line).toBe(18);
  });

  it('says what a duration is when one is written in words, instead of printing a regular expression', () => {
    // Act
    const result = safeParseScenario(
      VALID.replace('  title: Demo\n', '  title: Demo\n  max_duration: 5 minutes\n'),
    );
    // Assess
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issues).toEqual([
      expect.objectContaining({
        path: 'meta.max_duration',
        message: 'not a duration: "5 minutes" (write a number and a unit: 500ms, 3s, 1m or 2h)',
        line: 4,
        column: 17,
      }),
    ]);
  });

  it('refuses durations longer than a timer can wait (they would fire at once and abort the run)', () => {
    // Prepare: 1000 h and 3e9 ms are past 2^31 - 1 ms; 596 h is not
    const withDurations = (max: string, fault: string) =>
      VALID.replace('  title: Demo\n', `  title: Demo\n  max_duration: ${max}\n`).replace(
        '  duration: 2s\n',
        `  duration: ${fault}\n`,
      );
    // Act
    const long = safeParseScenario(withDurations('1000h', '3000000000'));
    const longest = safeParseScenario(withDurations('596h', '2147483647'));
    // Assess
    expect(long.success).toBe(false);
    if (long.success) return;
    expect(long.issues.map((i) => [i.path, i.message])).toEqual([
      ['meta.max_duration', '1000h is too long: a duration is at most 596h, about 24 days'],
      ['fault.duration', 'a duration is at most 2147483647 ms (596h, about 24 days)'],
    ]);
    expect(longest.success).toBe(true);
  });
});

describe('parseScenario', () => {
  it('throws SCENARIO_INVALID with the issues as data', () => {
    try {
      parseScenario('meta: {}\n');
      expect.unreachable();
    } catch (error) {
      expect(ScenarioEngineError.isInstance(error) && error.code).toBe('SCENARIO_INVALID');
      expect((error as ScenarioEngineError).data).toMatchObject({ issues: expect.any(Array) });
    }
  });
});
