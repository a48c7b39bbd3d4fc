import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AssistantClient } from '../assistant/assistant-client';
import { OpenAiChatClient } from '../assistant/openai-client';
import { RemediationApiClient } from '../assistant/remediation-api-client';
import { toMs } from '../duration';
import { ScenarioEngineError, ScenarioEngineErrorCode } from '../errors';
import { evaluateAnswer } from '../evaluate/evaluate-answer';
import { AwsFisProvider } from '../faults/aws-fis/aws-fis-provider';
import { ChaosMeshProvider } from '../faults/chaos-mesh/chaos-mesh-provider';
import { type ActiveFault, type FaultProvider, providerOf } from '../faults/fault-provider';
import { LocalFaultProvider } from '../faults/local/local-provider';
import { Journal } from '../fsm/journal';
import { assertTransition, nextStep, type RunState, type StepUsage, type Verdict } from '../fsm/states';
import { createProbe } from '../probes/create-probe';
import { alarmSamples, analyzeFaultWindow } from '../probes/fault-window';
import { ProbeMonitor } from '../probes/probe-monitor';
import type { ProbeSample } from '../probes/probe-sample';
import { DEFAULT_TOLERANCE, evaluateTolerance, type ToleranceResult } from '../probes/tolerance';
import type { CommandRequest, CommandRunner } from '../remedy/command-runner';
import { parseRemedyCommands } from '../remedy/parse-remedy-commands';
import { SandboxedCommandRunner } from '../remedy/sandboxed-command-runner';
import { commandOutputFile } from '../report/artifact-name';
import { writeReports } from '../report/write-reports';
import { disarmHelper } from '../runtime/disarm-helper';
import { DEFAULT_HEARTBEAT_STALE_MS, HeartbeatWriter } from '../runtime/heartbeat';
import { defaultKillSwitchPath, KillSwitch } from '../runtime/kill-switch';
import { type HelperProcess, spawnHelper } from '../runtime/spawn-helper';
import { TargetLocks } from '../runtime/target-lock';
import type { BindingValue } from '../scenario/bindings';
import { substituteDeep } from '../scenario/bindings';
import { type Fault, faultsOf, type Scenario, type Tolerance } from '../scenario/schema';
import { brokenAbortCondition } from './abort-conditions';
import { observation } from './observations';
import type { AssistantResult, FaultMeasurement, Observation, RunEvent, RunReport } from './run-types';
import { ServiceManager } from './service-manager';
import { untilAborted } from './until-aborted';

/** Options of {@link runScenario}. */
export interface RunScenarioOptions {
  /** The validated scenario (from `safeParseScenario`). */
  scenario: Scenario;
  /** The scenario file as written, saved as scenario.yaml in the run folder. */
  scenarioText?: string;
  /** Run folder; created. */
  outDir: string;
  /** Default: a time-ordered random id. */
  runId?: string;
  /** Folder the scenario's relative paths are relative to. Default: the current directory. */
  cwd?: string;
  /** Print remedy commands instead of running them. */
  dryRun?: boolean;
  /** A control run: no fault is injected; detections count as false alarms. Default: meta.control. */
  control?: boolean;
  /** Aborting rolls the run back (ABORTED, then CLEANUP). */
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  now?: () => number;
  /** Runs remedy and cleanup commands. Default: a SandboxedCommandRunner per the scenario's sandbox. */
  commandRunner?: CommandRunner;
  /** The assistant under test. Default: built from the scenario's assistant section. */
  assistant?: AssistantClient;
  /** Providers for aws-fis and chaos-mesh faults (tests inject mocked clients). */
  providers?: Partial<Record<'aws-fis' | 'chaos-mesh', FaultProvider>>;
  killSwitch?: KillSwitch;
  locks?: TargetLocks;
  /** Dead-man's switch: helpers revert and exit when the heartbeat is older than this. Default 3000. */
  heartbeatStaleMs?: number;
  /** Environment read for api keys (`assistant.api_key_env`). Default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** The outcome of a run. */
export interface RunOutcome {
  runDir: string;
  report: RunReport;
}

class RunAborted extends Error {}

/** A run id: UTC time plus random hex, e.g. `20250101T120000Z-3fa2c1`. */
export function newRunId(now = Date.now()): string {
  return `${new Date(now)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}

/** Whether a run starts sandboxed commands (remedies, cleanup, command probes), which need the reaper. */
function runsSandboxedCommands(scenario: Scenario, customRunner: boolean): boolean {
  return (
    (!customRunner && (scenario.execute_remedy !== undefined || scenario.cleanup.always.length > 0)) ||
    scenario.steady_state.probes.some((p) => p.type === 'command')
  );
}

function stepUsage(scenario: Scenario, control: boolean): StepUsage {
  const faults = faultsOf(scenario).length > 0 && !control;
  const remedy = scenario.execute_remedy;
  return {
    FAULT_INJECT: faults,
    STABILIZE: faults,
    ASSISTANT_RCA: Boolean(scenario.assistant_rca),
    EVAL_RCA: Boolean(scenario.assistant_rca),
    ASSISTANT_REMEDY: Boolean(scenario.assistant_remedy),
    EVAL_REMEDY: Boolean(scenario.assistant_remedy),
    EXECUTE_REMEDY: Boolean(remedy && (remedy.commands.length > 0 || remedy.from_assistant)),
  };
}

/**
 * Runs a scenario through the state machine: INIT → PRECHECK → FAULT_INJECT → STABILIZE →
 * ASSISTANT_RCA → EVAL_RCA → ASSISTANT_REMEDY → EVAL_REMEDY → EXECUTE_REMEDY → VERIFY → PASS or
 * FAIL (or ABORTED from anywhere) → CLEANUP. Steps the scenario does not use are skipped and
 * journaled as skipped. Every transition and fault is journaled and fsync'd first, so
 * `recoverRun` can roll back a run that died. Cleanup always runs. Never throws for a failed run:
 * the verdict says it.
 *
 * @example
 * const parsed = safeParseScenario(text, { env: process.env });
 * if (parsed.success) {
 *   const { report } = await runScenario({ scenario: parsed.scenario, outDir: 'runs/1' });
 *   console.log(report.verdict, report.faults[0]?.mttdMs, report.faults[0]?.mttrMs);
 * }
 */
export async function runScenario(options: RunScenarioOptions): Promise<RunOutcome> {
  const now = options.now ?? Date.now;
  const runId = options.runId ?? newRunId(now());
  const runDir = resolve(options.outDir);
  mkdirSync(runDir, { recursive: true });
  const scenario = substituteDeep(options.scenario, { run_id: runId, run_dir: runDir } satisfies Record<
    string,
    BindingValue
  >);
  const control = options.control ?? scenario.meta.control;
  const cwd = resolve(options.cwd ?? '.');
  const emit = (event: RunEvent) => options.onEvent?.(event);
  const journal = new Journal(join(runDir, 'journal.jsonl'), now);
  const staleMs = options.heartbeatStaleMs ?? DEFAULT_HEARTBEAT_STALE_MS;
  const heartbeat = new HeartbeatWriter(join(runDir, 'heartbeat'), Math.max(100, Math.floor(staleMs / 6)));
  const killSwitch = options.killSwitch ?? new KillSwitch(defaultKillSwitchPath(options.env ?? process.env));
  const locks = options.locks ?? new TargetLocks();
  const startedAt = now();
  const usage = stepUsage(scenario, control);
  const states: RunReport['states'] = [];
  const observations: Observation[] = [];
  const faults: FaultMeasurement[] = [];
  const active = new Map<
    string,
    { active: ActiveFault; provider: FaultProvider; fault: Fault; measurement: FaultMeasurement }
  >();
  const precheck: Record<string, ToleranceResult> = {};
  const verify: Record<string, ToleranceResult> = {};
  const assistant: RunReport['assistant'] = {};
  const commands: RunReport['commands'] = [];
  let state: RunState = 'INIT';
  const current = (): RunState => state;
  let verdict: Verdict | undefined;
  let reason = '';
  let monitor: ProbeMonitor | undefined;
  const internal = new AbortController();
  let abortReason = '';
  const abort = (why: string) => {
    if (internal.signal.aborted) return;
    abortReason = why;
    journal.append('abort-requested', { reason: why });
    emit({ type: 'log', message: `aborting: ${why}` });
    internal.abort();
  };
  const onExternalAbort = () => abort(String(options.signal?.reason ?? 'aborted by the caller'));
  if (options.signal?.aborted) onExternalAbort();
  options.signal?.addEventListener('abort', onExternalAbort, { once: true });
  const maxDuration = setTimeout(
    () => abort(`the run exceeded meta.max_duration (${scenario.meta.max_duration})`),
    toMs(scenario.meta.max_duration),
  );
  maxDuration.unref();
  const checkpoint = () => {
    if (internal.signal.aborted) throw new RunAborted(abortReason);
  };
  const note = (o: Observation) => observations.push(o);
  const sid = scenario.meta.id;

  const transition = (to: RunState, skipped: RunState[] = [], extra: Record<string, unknown> = {}) => {
    assertTransition(state, to);
    for (const s of skipped) journal.append('step-skipped', { state: s, reason: skipReason(s) });
    journal.append('transition', { from: state, to, ...extra });
    states.push({ state: to, at: now(), ...(skipped.length ? { skipped } : {}) });
    state = to;
    emit({ type: 'state', state: to, skipped: skipped.length ? skipped : undefined });
  };
  const skipReason = (s: RunState) =>
    (s === 'FAULT_INJECT' || s === 'STABILIZE') && control
      ? 'control run: no fault is injected'
      : `the scenario has no ${s.toLowerCase()} step`;
  const advance = () => {
    const { next, skipped } = nextStep(state, usage);
    transition(next, skipped);
  };
  const fail = (why: string) => {
    reason ||= why;
    transition('FAIL', [], { reason: why });
    verdict = 'FAIL';
  };

  const tolerances = new Map<string, Tolerance>(
    scenario.steady_state.probes.map((p) => [p.name, p.tolerance ?? DEFAULT_TOLERANCE]),
  );
  const probeNames = scenario.steady_state.probes.map((p) => p.name);
  const services = new ServiceManager({
    runId,
    runDir,
    cwd,
    journal,
    heartbeat: heartbeat.path,
    staleMs,
    now,
  });
  const local = new LocalFaultProvider({ services, runId, runDir, heartbeat: heartbeat.path, staleMs, now });
  const providers: Record<ActiveFault['provider'], () => FaultProvider> = {
    local: () => local,
    'aws-fis': () => options.providers?.['aws-fis'] ?? new AwsFisProvider({ runId }),
    'chaos-mesh': () => options.providers?.['chaos-mesh'] ?? new ChaosMeshProvider({ runId }),
  };
  const samplesFile = join(runDir, 'samples.jsonl');

  const measure = (
    m: FaultMeasurement,
    injectedAt: number,
    revertedAt: number | undefined,
    recoveryFrom: ActiveFault['recoveryFrom'],
  ) => {
    const analysis = analyzeFaultWindow(monitor?.samples ?? [], {
      injectedAt,
      revertedAt: recoveryFrom === 'revert' ? revertedAt : undefined,
      consecutiveOk: scenario.stabilize.consecutive_ok,
      tolerances,
    });
    m.detectedAt = analysis.detectedAt;
    m.detectedBy = analysis.detectedBy;
    m.recoveredAt = recoveryFrom === 'revert' && revertedAt === undefined ? undefined : analysis.recoveredAt;
    m.mttdMs = m.detectedAt !== undefined ? m.detectedAt - injectedAt : null;
    const from = recoveryFrom === 'revert' ? revertedAt : injectedAt;
    m.mttrMs = m.recoveredAt !== undefined && from !== undefined ? Math.max(0, m.recoveredAt - from) : null;
    return m;
  };

  const revertFault = async (id: string, why: string) => {
    const entry = active.get(id);
    if (!entry) return;
    active.delete(id);
    try {
      await entry.provider.revert(entry.active);
      entry.measurement.revertedAt = now();
      journal.append('fault-reverted', { id, reason: why, revertedAt: entry.measurement.revertedAt });
      emit({ type: 'fault', action: 'reverted', faultId: id, at: entry.measurement.revertedAt, detail: why });
    } catch (error) {
      journal.append('fault-revert-failed', { id, error: String(error) });
      note(observation(sid, 'revert-failed', id, 'error', `reverting ${id} failed: ${String(error)}`));
    } finally {
      locks.release(entry.fault.target, runId);
    }
  };

  const abortConditionBroken = (fault: Fault, injectedAt: number): string | undefined =>
    brokenAbortCondition(fault, {
      injectedAt,
      samples: monitor?.since(injectedAt) ?? [],
      now: now(),
      killSwitch,
    });

  /**
   * After every sample: a fault still active (one with no duration stays through the assistant and
   * remedy steps) is reverted and the run aborted as soon as the kill switch or one of its abort
   * rules says so, whatever step the run is in.
   */
  const watcherReverts = new Set<Promise<void>>();
  const watchActiveFaults = () => {
    for (const [id, entry] of [...active]) {
      if (entry.measurement.injectedAt === undefined) continue;
      const broken = abortConditionBroken(entry.fault, entry.measurement.injectedAt);
      if (!broken) continue;
      abort(`abort condition of ${id}: ${broken}`);
      // CLEANUP waits for it: a revert must never be cut short by the end of the run
      const reverting = revertFault(id, `abort condition: ${broken}`);
      watcherReverts.add(reverting);
      void reverting.finally(() => watcherReverts.delete(reverting));
    }
  };

  /** Injects one fault and, in STABILIZE, waits for detection, the fault's duration and recovery. */
  const injectFault = async (fault: Fault, index: number) => {
    const id = `${index + 1}-${fault.type}-${fault.target}`;
    const provider = providers[providerOf(fault)]();
    const measurement: FaultMeasurement = {
      id,
      type: fault.type,
      provider: provider.name,
      target: fault.target,
      status: 'injected',
      mttdMs: null,
      mttrMs: null,
    };
    faults.push(measurement);
    const unsupported = provider.unsupportedReason?.(fault);
    if (unsupported) {
      measurement.status = 'skipped';
      measurement.reason = unsupported;
      journal.append('fault-skipped', { id, reason: unsupported });
      emit({ type: 'fault', action: 'skipped', faultId: id, at: now(), detail: unsupported });
      note(observation(sid, 'fault-skipped', id, 'warning', `${id} skipped: ${unsupported}`));
      throw new RunAborted(`fault ${id} cannot run here: ${unsupported}`);
    }
    try {
      killSwitch.assertDisengaged();
      locks.acquire(fault.target, runId);
    } catch (error) {
      // refused before anything was injected: the report must not call it injected (and undetected)
      measurement.status = 'skipped';
      measurement.reason = String((error as Error).message ?? error);
      journal.append('fault-skipped', { id, reason: measurement.reason });
      emit({ type: 'fault', action: 'skipped', faultId: id, at: now(), detail: measurement.reason });
      throw error;
    }
    journal.append('fault-injecting', { id, provider: provider.name, fault });
    let injected: ActiveFault;
    try {
      injected = await provider.inject(fault, id, {
        onHandle: (handle) => journal.append('fault-handle', { id, provider: provider.name, handle }),
      });
    } catch (error) {
      locks.release(fault.target, runId);
      const unsupportedHere =
        ScenarioEngineError.isInstance(error) && error.code === ScenarioEngineErrorCode.FaultUnsupported;
      measurement.status = unsupportedHere ? 'skipped' : 'failed';
      measurement.reason = String((error as Error).message ?? error);
      journal.append('fault-inject-failed', { id, error: measurement.reason });
      throw error;
    }
    measurement.injectedAt = injected.injectedAt;
    measurement.recoveryFrom = injected.recoveryFrom;
    active.set(id, { active: injected, provider, fault, measurement });
    journal.append('fault-injected', { active: injected });
    emit({
      type: 'fault',
      action: 'injected',
      faultId: id,
      at: injected.injectedAt,
      detail: `${fault.type} on ${fault.target}`,
    });
    return { id, injected, measurement };
  };

  const stabilize = async (
    fault: Fault,
    id: string,
    injected: ActiveFault,
    measurement: FaultMeasurement,
  ) => {
    const wait = scenario.stabilize.wait_for;
    const deadline = injected.injectedAt + toMs(wait.timeout);
    const durationMs = toMs(fault.duration);
    let announced = false;
    /** The detection, reported once and as soon as a sample shows it (not when the fault's duration ends). */
    const detected = () => {
      measure(measurement, injected.injectedAt, undefined, injected.recoveryFrom);
      if (measurement.detectedAt === undefined) return false;
      if (!announced) {
        announced = true;
        const by = measurement.detectedBy;
        emit({
          type: 'fault',
          action: 'detected',
          faultId: id,
          at: measurement.detectedAt,
          detail: by?.error ?? (by ? `a ${by.probe} sample took ${by.latencyMs} ms` : undefined),
        });
      }
      return true;
    };
    let brokenBy: string | undefined;
    const until = durationMs !== undefined ? injected.injectedAt + durationMs : undefined;
    const limitAt = until ?? (wait.detected ? deadline : now());
    await monitor?.waitFor(
      () => {
        const seen = detected();
        brokenBy = abortConditionBroken(fault, injected.injectedAt);
        if (brokenBy) return true;
        return until !== undefined ? now() >= until : seen;
      },
      Math.max(0, limitAt - now()),
      internal.signal,
    );
    detected();
    if (brokenBy) {
      await revertFault(id, `abort condition: ${brokenBy}`);
      throw new RunAborted(`abort condition of ${id}: ${brokenBy}`);
    }
    checkpoint();
    if (durationMs !== undefined) await revertFault(id, `duration ${fault.duration} elapsed`);
    if (wait.recovered && (durationMs !== undefined || injected.recoveryFrom === 'injection')) {
      await waitForRecovery(measurement, injected, toMs(wait.timeout));
    }
  };

  const waitForRecovery = async (measurement: FaultMeasurement, injected: ActiveFault, timeoutMs: number) => {
    // samples still in flight from the fault window must land first: wait for one newer sample per probe
    const settledAfter = measurement.revertedAt ?? injected.injectedAt;
    const settled = () => probeNames.every((p) => (monitor?.since(settledAfter, [p]).length ?? 0) > 0);
    const recovered = () =>
      measure(measurement, injected.injectedAt, measurement.revertedAt, injected.recoveryFrom).recoveredAt !==
        undefined ||
      (measurement.detectedAt === undefined && settled());
    await monitor?.waitFor(recovered, timeoutMs, internal.signal);
    measure(measurement, injected.injectedAt, measurement.revertedAt, injected.recoveryFrom);
    if (measurement.recoveredAt !== undefined) {
      emit({ type: 'fault', action: 'recovered', faultId: measurement.id, at: measurement.recoveredAt });
    }
  };

  const askAssistant = async (step: 'rca' | 'remedy', client: AssistantClient): Promise<AssistantResult> => {
    const definition = step === 'rca' ? scenario.assistant_rca : scenario.assistant_remedy;
    if (!definition) return { evaluations: [], passed: true };
    try {
      const timeoutMs = toMs(definition.timeout);
      const turn =
        step === 'rca'
          ? await client.rca({
              system: definition.system,
              user: definition.user,
              incidentId: scenario.assistant?.incident_id ?? runId,
              timeoutMs,
            })
          : await client.remedy({ system: definition.system, user: definition.user, timeoutMs });
      return { turn, evaluations: [], passed: false };
    } catch (error) {
      return { evaluations: [], passed: false, error: String((error as Error).message ?? error) };
    }
  };

  const evaluate = (step: 'rca' | 'remedy', result: AssistantResult) => {
    const definition = step === 'rca' ? scenario.assistant_rca : scenario.assistant_remedy;
    if (!definition || !result.turn) return result;
    const distractors = [...scenario.services.map((s) => s.name), ...probeNames];
    let evaluations = evaluateAnswer(result.turn.text, definition, distractors);
    if (control) {
      // control run: naming the expected root cause when nothing was injected is a false alarm
      evaluations = evaluations.map((e) =>
        e.evaluator === 'rca_entities'
          ? { ...e, passed: ((e.details?.recall as number) ?? 0) === 0, reason: `control run: ${e.reason}` }
          : e,
      );
    }
    result.evaluations = evaluations;
    result.passed = evaluations.every((e) => e.passed);
    for (const e of evaluations.filter((x) => !x.passed)) {
      note(
        observation(
          sid,
          `${step}-evaluation-failed`,
          e.evaluator,
          'error',
          `${step}: ${e.evaluator}: ${e.reason}`,
        ),
      );
    }
    return result;
  };

  const assistantClient = (): AssistantClient => {
    if (options.assistant) return options.assistant;
    const config = scenario.assistant;
    if (!config)
      throw new ScenarioEngineError(ScenarioEngineErrorCode.AssistantFailed, 'no assistant section');
    const key = config.api_key_env ? (options.env ?? process.env)[config.api_key_env] : undefined;
    return config.kind === 'openai'
      ? new OpenAiChatClient({ baseUrl: config.url, model: config.model ?? 'default', apiKey: key, now })
      : new RemediationApiClient({
          baseUrl: config.url,
          wsUrl: config.ws_url,
          connectTimeoutMs: toMs(config.ws_connect_timeout),
          maxFrameBytes: config.ws_max_frame_bytes,
          token: key,
          now,
        });
  };

  const sandboxRunner = (dryRun: boolean, allowAll: string[] = []) => {
    const sandbox = scenario.execute_remedy?.sandbox;
    return (
      options.commandRunner ??
      new SandboxedCommandRunner({
        allow: [...(sandbox?.allow ?? []), ...allowAll],
        denyPatterns: sandbox?.deny_patterns ?? [],
        timeoutMs: toMs(sandbox?.timeout ?? '30s'),
        maxOutputBytes: sandbox?.max_output_bytes ?? 65_536,
        env: sandbox?.env ?? {},
        root: runDir,
        cwd: 'work',
        runId,
        dryRun,
        print: (line) => emit({ type: 'log', message: line }),
        now,
      })
    );
  };

  const runCommands = async (
    phase: 'remedy' | 'cleanup',
    list: Array<{ name: string; cmd: string; args: readonly string[]; timeoutMs?: number }>,
    runner: CommandRunner,
  ) => {
    mkdirSync(join(runDir, 'commands'), { recursive: true });
    let ok = true;
    for (const request of list) {
      journal.append('command-started', { phase, name: request.name, argv: [request.cmd, ...request.args] });
      const result = await runner.run(request);
      const file = commandOutputFile(commands.length + 1, phase, request.name);
      writeFileSync(
        join(runDir, file),
        `$ ${JSON.stringify([request.cmd, ...request.args])}\nstatus: ${result.status}${result.reason ? ` (${result.reason})` : ''}\nexit: ${result.exitCode} signal: ${result.signal} timedOut: ${result.timedOut} truncated: ${result.truncated}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`,
      );
      const { stdout: _o, stderr: _e, ...rest } = result;
      commands.push({ ...rest, output: file, phase });
      journal.append('command-finished', {
        phase,
        name: request.name,
        status: result.status,
        exitCode: result.exitCode,
      });
      const good =
        result.status === 'dry-run' || (result.status === 'ran' && result.exitCode === 0 && !result.timedOut);
      if (!good) {
        ok = false;
        note(
          observation(
            sid,
            `${phase}-command-failed`,
            request.name,
            'error',
            `${phase} command ${request.name}: ${result.status}${result.reason ? ` (${result.reason})` : ` exit ${result.exitCode}`}`,
          ),
        );
      }
    }
    return ok;
  };

  // ---------------------------------------------------------------- the run
  // scenario.json first: recover reads it (cleanup commands, the report) whenever the journal has begun
  writeFileSync(join(runDir, 'scenario.json'), `${JSON.stringify(scenario, null, 2)}\n`);
  if (options.scenarioText !== undefined) writeFileSync(join(runDir, 'scenario.yaml'), options.scenarioText);
  journal.append('run-started', {
    runId,
    pid: process.pid,
    scenarioId: sid,
    control,
    heartbeat: heartbeat.path,
    staleMs,
  });
  states.push({ state: 'INIT', at: startedAt });
  emit({ type: 'state', state: 'INIT' });
  heartbeat.start();
  const faultList = faultsOf(scenario);
  let reaper: HelperProcess | undefined;
  try {
    try {
      if (runsSandboxedCommands(scenario, options.commandRunner !== undefined)) {
        // sandboxed commands have no dead-man's switch of their own: the reaper ends them if the engine dies
        reaper = await spawnHelper(
          'reaper',
          { heartbeat: heartbeat.path, staleMs, runId },
          join(runDir, 'reaper.log'),
          runId,
        );
        journal.append('helper-started', { role: 'reaper', name: 'run', pid: reaper.pid });
      }
      await services.startAll(scenario.services);
      checkpoint();
      monitor = new ProbeMonitor(
        scenario.steady_state.probes.map((p) =>
          createProbe(p, {
            now,
            cwd,
            commandRunner: new SandboxedCommandRunner({
              allow: p.type === 'command' ? [p.argv[0] as string] : [],
              root: runDir,
              cwd: 'work',
              runId,
              now,
            }),
          }),
        ),
        {
          intervalMs: toMs(scenario.steady_state.interval),
          now,
          state: () => state,
          onSample: (sample: ProbeSample) => {
            appendFileSync(samplesFile, `${JSON.stringify(sample)}\n`);
            emit({ type: 'sample', sample });
            watchActiveFaults();
          },
        },
      );
      advance(); // PRECHECK
      monitor.start();
      const samplesNeeded = Math.max(
        ...scenario.steady_state.probes.map((p) => (p.tolerance ?? DEFAULT_TOLERANCE).samples),
      );
      const collected = await monitor.collect(probeNames, samplesNeeded, 30_000, internal.signal);
      checkpoint();
      for (const name of probeNames) {
        const tolerance = tolerances.get(name) ?? DEFAULT_TOLERANCE;
        precheck[name] = evaluateTolerance(
          collected.filter((s) => s.probe === name).slice(0, tolerance.samples),
          tolerance,
        );
      }
      const broken = Object.entries(precheck).filter(([, r]) => !r.ok);
      if (broken.length > 0) {
        for (const [probe, r] of broken)
          note(
            observation(
              sid,
              'steady-state-not-met',
              probe,
              'error',
              `before the fault, ${probe}: ${r.reasons.join('; ')}`,
            ),
          );
        fail(
          `steady state not met before the fault (${broken.map(([p, r]) => `${p}: ${r.reasons.join('; ')}`).join(' | ')}); no fault was injected`,
        );
      } else {
        advance();
        const controlStart = now();
        if (current() === 'FAULT_INJECT') {
          const first = await injectFault(faultList[0] as Fault, 0);
          transition('STABILIZE');
          await stabilize(faultList[0] as Fault, first.id, first.injected, first.measurement);
          for (let i = 1; i < faultList.length; i += 1) {
            checkpoint();
            const next = await injectFault(faultList[i] as Fault, i);
            await stabilize(faultList[i] as Fault, next.id, next.injected, next.measurement);
          }
          advance();
        }
        let client: AssistantClient | undefined;
        while (verdict === undefined && current() !== 'VERIFY') {
          checkpoint();
          if (current() === 'ASSISTANT_RCA' || current() === 'ASSISTANT_REMEDY') {
            const step = current() === 'ASSISTANT_RCA' ? 'rca' : 'remedy';
            client ??= assistantClient();
            // the answer can take minutes: an abort (SIGINT, max_duration, an abort rule) does not wait for it
            const result = await untilAborted(
              askAssistant(step, client),
              internal.signal,
              () => new RunAborted(abortReason),
            );
            assistant[step] = result;
            if (result.turn)
              writeFileSync(
                join(runDir, 'transcript.json'),
                `${JSON.stringify(
                  Object.values(assistant).map((r) => r.turn),
                  null,
                  2,
                )}\n`,
              );
            if (result.error) {
              note(
                observation(
                  sid,
                  'assistant-unreachable',
                  step,
                  'error',
                  `assistant ${step}: ${result.error}`,
                ),
              );
              fail(`the assistant did not answer the ${step} step: ${result.error}`);
              break;
            }
            advance();
          } else if (current() === 'EVAL_RCA' || current() === 'EVAL_REMEDY') {
            const step = current() === 'EVAL_RCA' ? 'rca' : 'remedy';
            const result = evaluate(step, assistant[step] as AssistantResult);
            if (!result.passed) {
              fail(
                `${step} evaluation failed: ${result.evaluations
                  .filter((e) => !e.passed)
                  .map((e) => `${e.evaluator}: ${e.reason}`)
                  .join('; ')}`,
              );
              break;
            }
            advance();
          } else if (current() === 'EXECUTE_REMEDY') {
            const remedy = scenario.execute_remedy;
            const dryRun = Boolean(options.dryRun || remedy?.dry_run);
            const list: CommandRequest[] = (remedy?.commands ?? []).map((c) => ({
              name: c.name,
              cmd: c.cmd,
              args: c.args,
              timeoutMs: toMs(c.timeout),
            }));
            if (remedy?.from_assistant && assistant.remedy?.turn) {
              const parsed = parseRemedyCommands(assistant.remedy.turn.text);
              for (const line of parsed.rejected)
                note(
                  observation(
                    sid,
                    'remedy-command-rejected',
                    line,
                    'warning',
                    `assistant command not run (shell syntax): ${line}`,
                  ),
                );
              list.push(...parsed.commands);
            }
            const ok = await runCommands('remedy', list, sandboxRunner(dryRun));
            if (!ok) {
              fail('a remedy command was refused or failed (see commands/)');
              break;
            }
            advance();
          } else {
            advance();
          }
        }
        if (verdict === undefined) {
          // VERIFY: faults left active until now are reverted; then the system must recover
          for (const id of [...active.keys()]) await revertFault(id, 'before VERIFY');
          const verifyTimeout = toMs(scenario.verify.timeout);
          for (const m of faults.filter((f) => f.status === 'injected')) {
            const entry = { injectedAt: m.injectedAt as number, recoveryFrom: m.recoveryFrom ?? 'revert' };
            if (m.recoveredAt === undefined) {
              await waitForRecovery(m, { ...entry, id: m.id } as ActiveFault, verifyTimeout);
            }
          }
          checkpoint();
          const verifyProbes = scenario.verify.probes ?? probeNames;
          const samplesForVerify = Math.max(
            ...verifyProbes.map((p) => (tolerances.get(p) ?? DEFAULT_TOLERANCE).samples),
          );
          const after = await monitor.collect(verifyProbes, samplesForVerify, verifyTimeout, internal.signal);
          checkpoint();
          const problems: string[] = [];
          for (const m of faults.filter((f) => f.status === 'injected'))
            measure(m, m.injectedAt as number, m.revertedAt, m.recoveryFrom ?? 'revert');
          for (const name of verifyProbes) {
            const tolerance = tolerances.get(name) ?? DEFAULT_TOLERANCE;
            verify[name] = evaluateTolerance(
              after.filter((s) => s.probe === name).slice(0, tolerance.samples),
              tolerance,
            );
            if (!verify[name].ok)
              problems.push(`${name} after the fault: ${verify[name].reasons.join('; ')}`);
          }
          for (const m of faults) {
            if (m.status !== 'injected') continue;
            if (m.detectedAt === undefined) {
              note(
                observation(
                  sid,
                  'fault-not-detected',
                  m.id,
                  scenario.verify.require_detection ? 'error' : 'warning',
                  `${m.id} was not detected by any probe`,
                ),
              );
              if (scenario.verify.require_detection) problems.push(`${m.id} was not detected by any probe`);
            } else {
              note(
                observation(
                  sid,
                  'fault-detected',
                  m.id,
                  'info',
                  `${m.id} detected by ${m.detectedBy?.probe} after ${m.mttdMs} ms (${m.detectedBy?.error ?? `${m.detectedBy?.latencyMs} ms`})`,
                ),
              );
              if (m.recoveredAt === undefined) {
                note(
                  observation(
                    sid,
                    'not-recovered',
                    m.id,
                    'error',
                    `${m.id}: the system did not recover within ${scenario.verify.timeout}`,
                  ),
                );
                problems.push(`${m.id}: no recovery within ${scenario.verify.timeout}`);
              } else {
                note(
                  observation(
                    sid,
                    'recovered',
                    m.id,
                    'info',
                    `${m.id} recovered ${m.mttrMs} ms after its ${m.recoveryFrom}`,
                  ),
                );
              }
            }
            if (
              scenario.verify.max_mttd_ms !== undefined &&
              m.mttdMs !== null &&
              m.mttdMs > scenario.verify.max_mttd_ms
            ) {
              problems.push(`${m.id}: MTTD ${m.mttdMs} ms > ${scenario.verify.max_mttd_ms} ms`);
            }
            if (
              scenario.verify.max_mttr_ms !== undefined &&
              m.mttrMs !== null &&
              m.mttrMs > scenario.verify.max_mttr_ms
            ) {
              problems.push(`${m.id}: MTTR ${m.mttrMs} ms > ${scenario.verify.max_mttr_ms} ms`);
            }
          }
          if (control) {
            const falseAlarms = alarmSamples(monitor.samples, controlStart, tolerances).length;
            if (falseAlarms > 0) {
              note(
                observation(
                  sid,
                  'false-alarm',
                  'probes',
                  'warning',
                  `${falseAlarms} probe sample(s) broke the tolerance with no fault injected`,
                ),
              );
              problems.push(`${falseAlarms} false alarm(s) in a control run`);
            }
          }
          if (problems.length > 0) fail(problems.join('; '));
          else {
            transition('PASS');
            verdict = 'PASS';
            reason =
              faults.length > 0
                ? 'every fault was detected and the system recovered to its steady state'
                : 'the steady state held';
          }
        }
      }
    } catch (error) {
      const why =
        error instanceof RunAborted
          ? error.message
          : `${ScenarioEngineError.isInstance(error) ? `${error.code}: ` : ''}${(error as Error).message ?? String(error)}`;
      journal.append('error', { state, error: why });
      if (verdict === undefined) {
        reason = why;
        note(observation(sid, 'run-aborted', state, 'error', `aborted in ${state}: ${why}`));
        if (current() !== 'ABORTED') {
          // INIT → ABORTED is allowed, as is every step → ABORTED
          transition('ABORTED', [], { reason: why });
        }
        verdict = 'ABORTED';
      }
    }
  } finally {
    // CLEANUP: always
    clearTimeout(maxDuration);
    options.signal?.removeEventListener('abort', onExternalAbort);
    if (current() !== 'CLEANUP') transition('CLEANUP');
    await Promise.allSettled([...watcherReverts]);
    for (const id of [...active.keys()]) await revertFault(id, 'cleanup');
    for (const m of faults.filter((f) => f.status === 'injected'))
      measure(m, m.injectedAt as number, m.revertedAt, m.recoveryFrom ?? 'revert');
    await monitor?.stop();
    if (scenario.cleanup.always.length > 0) {
      const runner = sandboxRunner(
        false,
        scenario.cleanup.always.map((c) => c.cmd),
      );
      await runCommands(
        'cleanup',
        scenario.cleanup.always.map((c) => ({ ...c, timeoutMs: toMs(c.timeout) })),
        runner,
      ).catch(() => false);
    }
    await services
      .stopAll()
      .catch((error) => journal.append('error', { state: 'CLEANUP', error: String(error) }));
    if (reaper) {
      await disarmHelper(reaper);
      journal.append('helper-stopped', { name: 'reaper', pid: reaper.pid });
    }
    journal.append('cleanup-done', {});
    heartbeat.stop();
  }
  const finishedAt = now();
  const report: RunReport = {
    schemaVersion: 1,
    runId,
    scenarioId: sid,
    title: scenario.meta.title,
    verdict: verdict ?? 'ABORTED',
    reason,
    control,
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(finishedAt).toISOString(),
    durationMs: finishedAt - startedAt,
    states,
    faults,
    steadyState: { precheck, verify },
    assistant,
    commands,
    observations,
    ...(control ? { falseAlarms: observations.filter((o) => o.kind === 'false-alarm').length } : {}),
    samples: { count: monitor?.samples.length ?? 0, file: 'samples.jsonl' },
  };
  writeReports(runDir, report, monitor?.samples ?? [], scenario.report.formats);
  journal.append('run-finished', { verdict: report.verdict, reason });
  journal.close();
  return { runDir, report };
}
