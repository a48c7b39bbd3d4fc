import { z } from 'zod';
import { DURATION_PATTERN, MAX_DURATION_MS, toMs } from '../duration';

const MAX_DURATION_TEXT = '596h, about 24 days';

/**
 * A duration: milliseconds as a number, or text such as `500ms`, `3s`, `1m`. At most
 * {@link MAX_DURATION_MS} (a timer set longer than that fires at once, which would end a run or a
 * fault immediately instead of never).
 */
export const DurationSchema = z
  .union([
    z
      .number()
      .int()
      .nonnegative()
      .max(MAX_DURATION_MS, { error: `a duration is at most ${MAX_DURATION_MS} ms (${MAX_DURATION_TEXT})` }),
    z
      .string()
      .regex(DURATION_PATTERN, {
        error: (issue) =>
          `not a duration: ${JSON.stringify(issue.input)} (write a number and a unit: 500ms, 3s, 1m or 2h)`,
      })
      .refine((text) => !DURATION_PATTERN.test(text) || toMs(text) <= MAX_DURATION_MS, {
        error: (issue) => `${issue.input} is too long: a duration is at most ${MAX_DURATION_TEXT}`,
      }),
  ])
  .describe('Milliseconds as a number, or text such as 500ms, 3s, 1m.');

const Name = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/)
  .describe('Lower-case name: letters, digits, - and _.');
const Port = z.number().int().min(1).max(65535);
const Argv = z
  .array(z.string().min(1))
  .min(1)
  .describe('Program and arguments (argv); never run through a shell.');

/** Tolerances a probe's samples must meet for the steady state to hold. */
export const ToleranceSchema = z
  .strictObject({
    samples: z.number().int().min(1).max(1000).default(5).describe('Samples taken in PRECHECK and VERIFY.'),
    min_success_rate: z.number().min(0).max(1).default(1).describe('Share of samples that must succeed.'),
    max_latency_ms: z
      .number()
      .positive()
      .optional()
      .describe('A sample slower than this counts as a violation (and as detection during a fault).'),
    percentile: z
      .strictObject({
        p: z.number().min(1).max(100).describe('Percentile, e.g. 95.'),
        below_ms: z.number().positive().describe('The percentile latency must be below this.'),
      })
      .optional()
      .describe('Percentile check over the samples, e.g. {p: 95, below_ms: 500}.'),
  })
  .describe('What the steady state means for this probe.');

const ProbeBase = {
  name: Name,
  timeout: DurationSchema.optional().describe('Time limit of one sample. Default 2s.'),
  tolerance: ToleranceSchema.optional(),
};

/** An HTTP probe: status, body and latency. */
export const HttpProbeSchema = z.strictObject({
  ...ProbeBase,
  type: z.literal('http'),
  url: z.url().describe('URL to request.'),
  method: z.enum(['GET', 'POST', 'HEAD']).default('GET'),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.string().optional(),
  expect: z
    .strictObject({
      status: z
        .union([Port, z.array(Port)])
        .optional()
        .describe('Expected status code(s). Default 200-299.'),
      body_contains: z.string().optional(),
      body_regex: z.string().max(200).optional(),
    })
    .optional(),
});

/** An MCP probe: initialize, tools/list or tools/call over Streamable HTTP or stdio. */
export const McpProbeSchema = z.strictObject({
  ...ProbeBase,
  type: z.literal('mcp'),
  transport: z.enum(['http', 'stdio']).default('http'),
  url: z.url().optional().describe('Streamable HTTP endpoint (transport http).'),
  command: Argv.optional().describe('Server command (transport stdio).'),
  operation: z.enum(['initialize', 'tools/list', 'tools/call']).default('tools/list'),
  tool: z.string().optional().describe('Tool to call (operation tools/call).'),
  arguments: z.record(z.string(), z.unknown()).optional(),
  expect: z
    .strictObject({
      min_tools: z.number().int().nonnegative().optional(),
      text_contains: z.string().optional(),
      allow_tool_error: z.boolean().default(false),
    })
    .optional(),
});

/** A TCP probe: the port accepts a connection. */
export const TcpProbeSchema = z.strictObject({
  ...ProbeBase,
  type: z.literal('tcp'),
  host: z.string().default('127.0.0.1'),
  port: Port,
});

/** A command probe: a sandboxed program's exit code and output. */
export const CommandProbeSchema = z.strictObject({
  ...ProbeBase,
  type: z.literal('command'),
  argv: Argv,
  expect: z
    .strictObject({
      exit_code: z.number().int().default(0),
      stdout_contains: z.string().optional(),
    })
    .optional(),
});

/** Any probe. */
export const ProbeSchema = z.discriminatedUnion('type', [
  HttpProbeSchema,
  McpProbeSchema,
  TcpProbeSchema,
  CommandProbeSchema,
]);

/** A process the engine starts, supervises and restarts as a process manager would. */
export const ServiceSchema = z.strictObject({
  name: Name,
  command: Argv,
  cwd: z.string().optional().describe('Working directory. Default: the scenario file folder.'),
  env: z.record(z.string(), z.string()).optional().describe('Extra environment variables.'),
  port: Port.optional().describe('Port the service listens on; the engine waits for it before PRECHECK.'),
  host: z.string().default('127.0.0.1'),
  proxy_port: Port.optional().describe(
    'If set, the engine puts a TCP proxy on this port in front of the service: latency, errors and black-hole faults act there.',
  ),
  restart: z
    .strictObject({
      policy: z.enum(['always', 'never']).default('always'),
      delay: DurationSchema.default(200).describe('Wait before a restart.'),
      max_restarts: z.number().int().nonnegative().default(10),
    })
    .default({ policy: 'always', delay: 200, max_restarts: 10 }),
  network_namespace: z
    .strictObject({
      subnet: z
        .string()
        .regex(/^10\.\d{1,3}\.\d{1,3}\.\d{1,3}\/30$/)
        .default('10.213.0.0/30')
        .describe('A /30: the host side gets .1, the namespace .2.'),
    })
    .optional()
    .describe(
      'Run the service inside a network namespace the engine creates (root only); netem faults act there.',
    ),
  ready_timeout: DurationSchema.default('10s'),
});

/** When to stop a fault early. */
export const AbortSchema = z.strictObject({
  max_failure_rate: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe('Abort when this share of the last `window` samples fails.'),
  max_latency_ms: z.number().positive().optional().describe('Abort when a sample is slower than this.'),
  window: z.number().int().min(1).default(5),
  max_duration: DurationSchema.optional().describe('Abort when the fault has been active this long.'),
});

const FaultBase = {
  name: Name.optional(),
  duration: DurationSchema.optional().describe(
    'Revert the fault after this long. Without it the fault stays until the remedy ran and is reverted in CLEANUP.',
  ),
  abort: AbortSchema.optional(),
};

/** Local faults, really run on this machine. */
export const LocalFaultSchemas = [
  z.strictObject({
    ...FaultBase,
    type: z.literal('process-kill'),
    target: Name.describe('A service name.'),
    signal: z.enum(['SIGTERM', 'SIGKILL']).default('SIGKILL'),
  }),
  z.strictObject({
    ...FaultBase,
    type: z.literal('latency'),
    target: Name.describe('A service with a proxy_port.'),
    latency_ms: z
      .number()
      .int()
      .positive()
      .max(120_000)
      .describe(
        'Delay added to the data of each chosen direction; with the default direction, to each response.',
      ),
    jitter_ms: z.number().int().nonnegative().default(0),
    direction: z
      .enum(['response', 'request', 'both'])
      .default('response')
      .describe(
        'Which data is delayed: response (from the service to its clients, the default: a request/response round trip takes latency_ms longer, as tc netem on the service, FIS network latency and Chaos Mesh delay do), request, or both (a round trip takes twice latency_ms longer).',
      ),
  }),
  z.strictObject({
    ...FaultBase,
    type: z.literal('errors'),
    target: Name.describe('A service with a proxy_port.'),
    rate: z.number().min(0).max(1).default(1).describe('Share of new connections that fail.'),
    mode: z.enum(['reset', 'http-503']).default('reset'),
    seed: z.number().int().default(1).describe('Seed of the random choice of failing connections.'),
  }),
  z.strictObject({
    ...FaultBase,
    type: z.literal('blackhole'),
    target: Name.describe('A service with a proxy_port.'),
  }),
  z.strictObject({
    ...FaultBase,
    type: z.literal('connection-exhaustion'),
    target: Name.describe('A service name (its proxy_port or port is used).'),
    url: z.url().optional().describe('MCP endpoint; default http://HOST:PORT/mcp of the target.'),
    sessions: z.number().int().min(1).max(2000).default(50),
    call_interval: DurationSchema.default(0).describe('Pause between calls of one session.'),
    operation: z.enum(['tools/list', 'tools/call']).default('tools/list'),
    tool: z.string().optional(),
    arguments: z.record(z.string(), z.unknown()).optional(),
  }),
  z.strictObject({
    ...FaultBase,
    type: z.literal('netem'),
    target: Name.describe('A service with network_namespace.'),
    delay_ms: z.number().int().nonnegative().default(0),
    jitter_ms: z.number().int().nonnegative().default(0),
    loss_percent: z.number().min(0).max(100).default(0),
  }),
] as const;

/** An AWS FIS experiment created from a template that passes fis-core's validator. */
export const AwsFisFaultSchema = z.strictObject({
  ...FaultBase,
  type: z.literal('aws-fis'),
  target: Name.describe('Name used for the one-fault-per-target lock.'),
  region: z.string().optional(),
  template: z.record(z.string(), z.unknown()).describe('CreateExperimentTemplate input (API shape).'),
  poll_interval: DurationSchema.default('5s'),
});

/** A Chaos Mesh resource applied through the Kubernetes API. */
export const ChaosMeshFaultSchema = z.strictObject({
  ...FaultBase,
  type: z.literal('chaos-mesh'),
  target: Name.describe('Name used for the one-fault-per-target lock.'),
  kind: z.enum(['PodChaos', 'NetworkChaos', 'StressChaos']),
  namespace: z.string().default('default'),
  api_server: z.url().describe('Kubernetes API server URL.'),
  token_env: z.string().optional().describe('Environment variable holding the bearer token.'),
  spec: z.record(z.string(), z.unknown()).describe('The resource spec as Chaos Mesh documents it.'),
});

/** Any fault. */
export const FaultSchema = z.discriminatedUnion('type', [
  ...LocalFaultSchemas,
  AwsFisFaultSchema,
  ChaosMeshFaultSchema,
]);

const RegexGuard = z.strictObject({
  type: z.literal('regex'),
  pattern: z
    .string()
    .min(1)
    .max(200)
    .describe('Regular expression; a leading (?i) makes it case-insensitive.'),
  must: z.enum(['match', 'not_match']).default('match'),
});

/** What an assistant answer must contain. */
export const ExpectationSchema = z.strictObject({
  references: z.array(z.string()).optional().describe('Words or names the answer must mention.'),
  metrics: z.array(z.string()).optional().describe('Metric names the answer must mention.'),
  entities: z
    .strictObject({
      expected: z.array(z.string()).min(1).describe('The faulty resources: root cause names.'),
      forbidden: z
        .array(z.string())
        .default(['faultline', 'chaos experiment', 'fault injection', 'chaos tool'])
        .describe('Names that must not be blamed (the chaos tool that injected the fault).'),
      min_precision: z.number().min(0).max(1).default(0.5),
      min_recall: z.number().min(0).max(1).default(1),
    })
    .optional(),
  json_schema: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('JSON Schema the answer (as JSON) must match.'),
  similar_to: z.string().optional().describe('Reference answer for the similarity score.'),
  min_similarity: z.number().min(0).max(1).default(0.2),
});

/** One question to the assistant and what its answer must satisfy. */
export const AssistantStepSchema = z.strictObject({
  system: z.string().optional(),
  user: z.string().min(1),
  timeout: DurationSchema.default('30s'),
  expect: ExpectationSchema.optional(),
  guards: z.array(RegexGuard).optional(),
});

/** How to reach the assistant under test. */
export const AssistantSchema = z.strictObject({
  kind: z.enum(['remediation-api', 'openai']),
  url: z.url().describe('Base URL (remediation API) or chat-completions base URL (…/v1).'),
  ws_url: z
    .url({ protocol: /^wss?$/ })
    .optional()
    .describe(
      'remediation-api only: the WebSocket of the API (e.g. ws://localhost:8765/chatsocket); when set, answers are streamed over it instead of POST {url}/workflow.',
    ),
  ws_connect_timeout: DurationSchema.optional().describe(
    'Time to open the WebSocket (default 10s, never more than the step timeout).',
  ),
  ws_max_frame_bytes: z
    .number()
    .int()
    .min(1024)
    .max(67_108_864)
    .optional()
    .describe('Largest WebSocket frame accepted (default 1 MiB); a larger one fails the step.'),
  model: z.string().optional(),
  api_key_env: z.string().optional().describe('Environment variable holding the API key or token.'),
  incident_id: z.string().default('inc-${run_id}'),
});

/** A command the sandbox runs (argv only). */
export const CommandSchema = z.strictObject({
  name: z.string().min(1),
  cmd: z.string().min(1),
  args: z.array(z.string()).default([]),
  timeout: DurationSchema.optional(),
});

/** The sandbox rules of remedy and cleanup commands. */
export const SandboxSchema = z.strictObject({
  allow: z.array(z.string().min(1)).default([]).describe('Programs that may run (name or absolute path).'),
  deny_patterns: z
    .array(z.string().max(200))
    .default([])
    .describe('Extra regular expressions over the command line.'),
  timeout: DurationSchema.default('30s'),
  max_output_bytes: z.number().int().min(1024).max(10_485_760).default(65_536),
  env: z
    .record(z.string(), z.string())
    .default({})
    .describe('The only environment the command sees (plus PATH).'),
});

/** The scenario file. */
export const ScenarioSchema = z
  .strictObject({
    meta: z.strictObject({
      id: Name,
      title: z.string().min(1),
      owner: z.string().optional(),
      description: z.string().optional(),
      tags: z.array(z.string()).default([]),
      max_duration: DurationSchema.default('5m').describe('Abort the whole run after this long.'),
      control: z
        .boolean()
        .default(false)
        .describe('A control run: no fault is injected; detections are false alarms.'),
    }),
    bindings: z
      .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.union([z.string(), z.number(), z.boolean()]))
      .default({})
      .describe(
        'Values for ${name} in the rest of the file; overridable with --set and FAULTLINE_BINDING_<NAME>.',
      ),
    services: z.array(ServiceSchema).default([]),
    steady_state: z.strictObject({
      interval: DurationSchema.default(250).describe('Time between samples of each probe.'),
      probes: z.array(ProbeSchema).min(1),
    }),
    fault: z.union([FaultSchema, z.array(FaultSchema).min(1).max(10)]).optional(),
    stabilize: z
      .strictObject({
        wait_for: z
          .strictObject({
            detected: z.boolean().default(true),
            recovered: z.boolean().default(true),
            timeout: DurationSchema.default('30s'),
          })
          .default({ detected: true, recovered: true, timeout: '30s' }),
        consecutive_ok: z.number().int().min(1).default(3).describe('Samples in a row that mean recovery.'),
      })
      .default({ wait_for: { detected: true, recovered: true, timeout: '30s' }, consecutive_ok: 3 }),
    assistant: AssistantSchema.optional(),
    assistant_rca: AssistantStepSchema.optional(),
    assistant_remedy: AssistantStepSchema.optional(),
    execute_remedy: z
      .strictObject({
        sandbox: SandboxSchema.default({
          allow: [],
          deny_patterns: [],
          timeout: '30s',
          max_output_bytes: 65_536,
          env: {},
        }),
        commands: z.array(CommandSchema).default([]),
        from_assistant: z
          .boolean()
          .default(false)
          .describe('Also run commands the assistant proposed (allow-list applies).'),
        dry_run: z.boolean().default(false),
      })
      .optional(),
    verify: z
      .strictObject({
        probes: z.array(Name).optional().describe('Probes to check (default: all steady-state probes).'),
        timeout: DurationSchema.default('30s').describe('How long the system may take to recover.'),
        max_mttd_ms: z.number().positive().optional(),
        max_mttr_ms: z.number().positive().optional(),
        require_detection: z.boolean().default(true),
      })
      .default({ timeout: '30s', require_detection: true }),
    cleanup: z.strictObject({ always: z.array(CommandSchema).default([]) }).default({ always: [] }),
    report: z
      .strictObject({
        formats: z
          .array(z.enum(['json', 'junit', 'markdown', 'html']))
          .default(['json', 'junit', 'markdown', 'html']),
      })
      .default({ formats: ['json', 'junit', 'markdown', 'html'] }),
  })
  .describe('A Faultline chaos scenario.');

/** A scenario after validation and binding substitution (defaults filled in). */
export type Scenario = z.output<typeof ScenarioSchema>;
/** A scenario as written (defaults optional). */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
/** Any fault of a scenario. */
export type Fault = z.output<typeof FaultSchema>;
/** Any probe of a scenario. */
export type Probe = z.output<typeof ProbeSchema>;
/** A supervised service. */
export type Service = z.output<typeof ServiceSchema>;
/** A sandboxed command. */
export type ScenarioCommand = z.output<typeof CommandSchema>;
/** Sandbox rules. */
export type Sandbox = z.output<typeof SandboxSchema>;
/** An assistant step. */
export type AssistantStep = z.output<typeof AssistantStepSchema>;
/** Expectations of an assistant answer. */
export type Expectation = z.output<typeof ExpectationSchema>;
/** The tolerance of a probe. */
export type Tolerance = z.output<typeof ToleranceSchema>;

/** The faults of a scenario as a list (a single `fault` becomes a list of one). */
export function faultsOf(scenario: Scenario): Fault[] {
  if (!scenario.fault) return [];
  return Array.isArray(scenario.fault) ? scenario.fault : [scenario.fault];
}
