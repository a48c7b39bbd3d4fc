import { join } from 'node:path';
import type { Fault, Probe, RunState, Scenario } from '@faultline/scenario-engine';
import { z } from 'zod';
import type { ScenarioEngine } from './scenario-engine';
import { faultId } from './scenario-runs';

const CommandSchema = z.object({
  phase: z
    .enum(['service', 'probe', 'remedy', 'cleanup'])
    .describe(
      'service: started and supervised for the whole run; probe: sampled; remedy, cleanup: sandboxed.',
    ),
  name: z.string(),
  argv: z.array(z.string()).describe('Program and arguments, never run through a shell.'),
});

/** What a run of a scenario would do, without doing any of it. */
export const PlanSchema = z.object({
  states: z
    .array(z.string())
    .describe(
      'The states the run goes through when every check passes; FAIL or ABORTED replace PASS otherwise.',
    ),
  skippedStates: z
    .array(z.object({ state: z.string(), reason: z.string() }))
    .describe('Steps the scenario does not use, with why.'),
  control: z.boolean().describe('A control run injects nothing; detections count as false alarms.'),
  faults: z
    .array(
      z.object({
        id: z.string().describe('The id the run will give the fault.'),
        type: z.string(),
        provider: z.enum(['local', 'aws-fis', 'chaos-mesh']),
        target: z.string(),
        what: z.string().describe('What the fault does, in a sentence.'),
        durationMs: z
          .number()
          .nullable()
          .describe('Reverted after this long; null: stays until VERIFY or CLEANUP.'),
        abort: z
          .record(z.string(), z.unknown())
          .optional()
          .describe('When the engine stops the fault early.'),
      }),
    )
    .describe('The faults, injected one after another (none in a control run).'),
  probes: z
    .array(
      z.object({
        name: z.string(),
        type: z.string(),
        target: z.string().describe('URL, host:port or command the probe samples.'),
        tolerance: z.record(z.string(), z.unknown()),
      }),
    )
    .describe('The steady-state probes and the tolerance each must meet before and after the faults.'),
  commands: z.array(CommandSchema).describe('Every program the run starts.'),
  assistant: z
    .object({ kind: z.string(), url: z.string(), steps: z.array(z.string()) })
    .optional()
    .describe('The assistant under test and the steps it is asked.'),
  limits: z
    .object({
      maxDurationMs: z
        .number()
        .describe('meta.max_duration: the whole run is aborted (and rolled back) after this.'),
      probeIntervalMs: z.number(),
      stabilizeTimeoutMs: z.number(),
      verifyTimeoutMs: z.number(),
      consecutiveOk: z.number(),
      maxMttdMs: z.number().optional(),
      maxMttrMs: z.number().optional(),
    })
    .describe('Time limits and the verify thresholds, in ms.'),
  bindings: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
    .describe('The ${name} values the run uses, built-ins included.'),
  artifacts: z
    .object({
      runsDir: z.string(),
      runDir: z.string().describe('The run folder; <run id> is chosen when the run starts.'),
      files: z.array(z.string()),
    })
    .describe('Where the run writes its journal, samples and reports.'),
  killSwitch: z
    .object({ path: z.string(), engaged: z.boolean() })
    .describe('While the file exists no fault is injected.'),
  warnings: z.array(z.string()).describe('What to tell the user before they approve.'),
});

/** A {@link PlanSchema} value. */
export type Plan = z.infer<typeof PlanSchema>;

function providerOf(fault: Fault): Plan['faults'][number]['provider'] {
  return fault.type === 'aws-fis' || fault.type === 'chaos-mesh' ? fault.type : 'local';
}

const duration = (value: number | string) => (typeof value === 'number' ? `${value} ms` : value);

function describeFault(fault: Fault, scenario: Scenario): string {
  const service = scenario.services.find((s) => s.name === fault.target);
  switch (fault.type) {
    case 'process-kill':
      return `${fault.signal} to the process group of service ${fault.target}; its supervisor ${
        service?.restart.policy === 'never'
          ? 'does not restart it (a remedy must)'
          : `restarts it after ${duration(service?.restart.delay ?? 200)}`
      }`;
    case 'latency':
      return `delays ${fault.direction === 'both' ? 'requests and responses' : `${fault.direction ?? 'response'}s`} by ${fault.latency_ms} ms${fault.jitter_ms ? ` ± ${fault.jitter_ms} ms` : ''} on the proxy in front of ${fault.target} (port ${service?.proxy_port ?? '?'})`;
    case 'errors':
      return `fails ${Math.round(fault.rate * 100)}% of new connections (${fault.mode}) on the proxy in front of ${fault.target}`;
    case 'blackhole':
      return `drops all traffic on the proxy in front of ${fault.target}`;
    case 'connection-exhaustion':
      return `${fault.sessions} concurrent MCP sessions calling ${fault.operation} on ${fault.target} in a loop`;
    case 'netem':
      return `tc netem in ${fault.target}'s network namespace: delay ${fault.delay_ms} ms, jitter ${fault.jitter_ms} ms, loss ${fault.loss_percent}% (needs root)`;
    case 'aws-fis':
      return `an AWS FIS experiment from the scenario's template${fault.region ? ` in ${fault.region}` : ''}: real faults in the AWS account`;
    case 'chaos-mesh':
      return `a Chaos Mesh ${fault.kind} in namespace ${fault.namespace} through ${fault.api_server}`;
    default:
      return 'a fault';
  }
}

function probeTarget(probe: Probe): string {
  switch (probe.type) {
    case 'http':
      return `${probe.method} ${probe.url}`;
    case 'mcp':
      return `${probe.operation} over ${probe.transport === 'stdio' ? `stdio: ${(probe.command ?? []).join(' ')}` : probe.url}`;
    case 'tcp':
      return `${probe.host}:${probe.port}`;
    case 'command':
      return probe.argv.join(' ');
    default:
      return '';
  }
}

/** The plan of a run: states, faults, probes, every command, limits and where the artifacts go. */
export function buildPlan(
  scenario: Scenario,
  engine: Pick<
    ScenarioEngine,
    'nextStep' | 'OPTIONAL_STEPS' | 'toMs' | 'defaultKillSwitchPath' | 'KillSwitch'
  >,
  context: {
    runsDir: string;
    env: Readonly<Record<string, string | undefined>>;
    bindings: Plan['bindings'];
    control?: boolean;
    runningAs?: string;
  },
): Plan {
  const control = context.control ?? scenario.meta.control;
  const faults = control || scenario.fault === undefined ? [] : [scenario.fault].flat();
  const remedy = scenario.execute_remedy;
  const usage = {
    FAULT_INJECT: faults.length > 0,
    STABILIZE: faults.length > 0,
    ASSISTANT_RCA: Boolean(scenario.assistant_rca),
    EVAL_RCA: Boolean(scenario.assistant_rca),
    ASSISTANT_REMEDY: Boolean(scenario.assistant_remedy),
    EVAL_REMEDY: Boolean(scenario.assistant_remedy),
    EXECUTE_REMEDY: Boolean(remedy && (remedy.commands.length > 0 || remedy.from_assistant)),
  };
  const states: RunState[] = ['INIT'];
  const skippedStates: Plan['skippedStates'] = [];
  for (let state: RunState = 'INIT'; state !== 'VERIFY'; ) {
    const { next, skipped } = engine.nextStep(state, usage);
    for (const s of skipped.filter((x) => (engine.OPTIONAL_STEPS as readonly RunState[]).includes(x))) {
      skippedStates.push({
        state: s,
        reason:
          (s === 'FAULT_INJECT' || s === 'STABILIZE') && control
            ? 'control run: no fault is injected'
            : `the scenario has no ${s.toLowerCase()} step`,
      });
    }
    states.push(next);
    state = next;
  }
  states.push('PASS', 'CLEANUP');

  const commands: Plan['commands'] = [
    ...scenario.services.map((s) => ({ phase: 'service' as const, name: s.name, argv: s.command })),
    ...scenario.steady_state.probes.flatMap((p) =>
      p.type === 'command'
        ? [{ phase: 'probe' as const, name: p.name, argv: p.argv }]
        : p.type === 'mcp' && p.transport === 'stdio' && p.command
          ? [{ phase: 'probe' as const, name: p.name, argv: p.command }]
          : [],
    ),
    ...(usage.EXECUTE_REMEDY
      ? (remedy?.commands ?? []).map((c) => ({
          phase: 'remedy' as const,
          name: c.name,
          argv: [c.cmd, ...c.args],
        }))
      : []),
    ...scenario.cleanup.always.map((c) => ({
      phase: 'cleanup' as const,
      name: c.name,
      argv: [c.cmd, ...c.args],
    })),
  ];

  const killSwitchPath = engine.defaultKillSwitchPath(context.env);
  const engaged = new engine.KillSwitch(killSwitchPath).engaged();
  const warnings: string[] = [];
  if (engaged && faults.length > 0) {
    warnings.push(
      `the kill switch ${killSwitchPath} is engaged: no fault can be injected until it is removed`,
    );
  }
  if (context.runningAs) warnings.push(`this scenario is already running as run ${context.runningAs}`);
  for (const [index, fault] of faults.entries()) {
    const id = faultId(index, fault);
    if (fault.type === 'netem' && process.getuid?.() !== 0) {
      warnings.push(`${id} needs root (tc netem in a network namespace); the run will stop before injecting`);
    }
    if (fault.type === 'aws-fis') warnings.push(`${id} injects real faults into an AWS account`);
    if (fault.type === 'chaos-mesh') warnings.push(`${id} injects real faults into a Kubernetes cluster`);
    if (!fault.abort && fault.duration === undefined) {
      warnings.push(
        `${id} has no abort rule and no duration: only meta.max_duration (${scenario.meta.max_duration}) stops it early`,
      );
    }
  }
  if (remedy?.from_assistant && usage.EXECUTE_REMEDY) {
    warnings.push(
      `the remedy also runs the commands the assistant proposes, within the allow-list: ${remedy.sandbox.allow.join(', ') || '(empty)'}`,
    );
  }

  return {
    states,
    skippedStates,
    control,
    faults: faults.map((fault, index) => ({
      id: faultId(index, fault),
      type: fault.type,
      provider: providerOf(fault),
      target: fault.target,
      what: describeFault(fault, scenario),
      durationMs: fault.duration === undefined ? null : engine.toMs(fault.duration),
      ...(fault.abort && { abort: fault.abort }),
    })),
    probes: scenario.steady_state.probes.map((p) => ({
      name: p.name,
      type: p.type,
      target: probeTarget(p),
      tolerance: { ...(p.tolerance ?? {}) },
    })),
    commands,
    ...(scenario.assistant && {
      assistant: {
        kind: scenario.assistant.kind,
        url: scenario.assistant.url,
        steps: [...(scenario.assistant_rca ? ['rca'] : []), ...(scenario.assistant_remedy ? ['remedy'] : [])],
      },
    }),
    limits: {
      maxDurationMs: engine.toMs(scenario.meta.max_duration),
      probeIntervalMs: engine.toMs(scenario.steady_state.interval),
      stabilizeTimeoutMs: engine.toMs(scenario.stabilize.wait_for.timeout),
      verifyTimeoutMs: engine.toMs(scenario.verify.timeout),
      consecutiveOk: scenario.stabilize.consecutive_ok,
      ...(scenario.verify.max_mttd_ms !== undefined && { maxMttdMs: scenario.verify.max_mttd_ms }),
      ...(scenario.verify.max_mttr_ms !== undefined && { maxMttrMs: scenario.verify.max_mttr_ms }),
    },
    bindings: context.bindings,
    artifacts: {
      runsDir: context.runsDir,
      runDir: join(context.runsDir, '<run id>'),
      files: [
        'scenario.yaml',
        'scenario.json',
        'journal.jsonl',
        'samples.jsonl',
        'report.json',
        ...(scenario.report.formats.includes('junit') ? ['junit.xml'] : []),
        ...(scenario.report.formats.includes('markdown') ? ['report.md'] : []),
        ...(scenario.report.formats.includes('html') ? ['report.html'] : []),
        ...(commands.some((c) => c.phase === 'remedy' || c.phase === 'cleanup') ? ['commands/*.txt'] : []),
      ],
    },
    killSwitch: { path: killSwitchPath, engaged },
    warnings,
  };
}
