import type {
  RunEvent,
  RunOutcome,
  RunScenarioOptions,
  RunState,
  Scenario,
} from '@faultline/scenario-engine';
import type { ScenarioEngine } from './scenario-engine';

/** What a run needs: the validated scenario and where it runs. */
export interface RunSpec {
  runId: string;
  runDir: string;
  /** Scenario path relative to the scenario root. */
  path: string;
  scenario: Scenario;
  /** The file as written, kept as scenario.yaml in the run folder. */
  scenarioText: string;
  /** Folder the scenario's relative paths are relative to (the scenario file's folder). */
  cwd: string;
  control?: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

/** A fault as the run's events have shown it so far. */
export interface LiveFault {
  id: string;
  injectedAt?: number;
  detectedAt?: number;
  revertedAt?: number;
  recoveredAt?: number;
  skipped?: string;
}

/** The fault id the engine gives the fault at `index`: `<index + 1>-<type>-<target>`. */
export const faultId = (index: number, fault: { type: string; target: string }): string =>
  `${index + 1}-${fault.type}-${fault.target}`;

/** The faults a scenario injects, in order (none in a control run). */
export function plannedFaults(
  scenario: Scenario,
  control = scenario.meta.control,
): Array<{ id: string; type: string; target: string }> {
  if (control || scenario.fault === undefined) return [];
  const list = Array.isArray(scenario.fault) ? scenario.fault : [scenario.fault];
  return list.map((fault, index) => ({ id: faultId(index, fault), type: fault.type, target: fault.target }));
}

/** A run of this process: live while running, then its outcome. */
export interface RunRecord {
  readonly runId: string;
  readonly scenarioId: string;
  readonly title: string;
  readonly path: string;
  readonly runDir: string;
  readonly startedAt: number;
  /** The faults the run injects, in order. */
  readonly plannedFaults: ReadonlyArray<{ id: string; type: string; target: string }>;
  /** The current state (the last transition). */
  state: RunState;
  states: Array<{ state: RunState; at: number; skipped?: RunState[] }>;
  faults: Map<string, LiveFault>;
  /** Set when the engine returned. */
  outcome?: RunOutcome;
  /** Set when the engine failed without a report (should not happen: runScenario reports failures). */
  error?: string;
  finishedAt?: number;
  /** Resolves when the run finished, cleanup included; never rejects. */
  readonly done: Promise<void>;
}

/** Options of {@link ScenarioRuns}. */
export interface ScenarioRunsOptions {
  /** Runs allowed at the same time in this process. Default 4. */
  maxActive?: number;
  /** Finished runs kept in memory (older ones are read back from their folder). Default 100. */
  keepFinished?: number;
  /** Passed to every run: tests substitute the lock folder, the kill switch and the heartbeat limit. */
  engine?: Pick<RunScenarioOptions, 'locks' | 'killSwitch' | 'heartbeatStaleMs'>;
  now?: () => number;
}

interface Entry {
  record: RunRecord;
  controller: AbortController;
  listeners: Set<(event: RunEvent) => void>;
}

/**
 * The scenario runs of this server process. Built once per process and shared by every server
 * instance (over HTTP the server is built per request), so a run started by one request can be
 * read, awaited and aborted by the next.
 */
export class ScenarioRuns {
  private readonly entries = new Map<string, Entry>();
  readonly maxActive: number;
  private readonly keepFinished: number;
  private readonly now: () => number;

  constructor(private readonly options: ScenarioRunsOptions = {}) {
    this.maxActive = options.maxActive ?? 4;
    this.keepFinished = options.keepFinished ?? 100;
    this.now = options.now ?? Date.now;
  }

  /**
   * Starts a run in the background; the returned record fills in as the engine reports. `listener`
   * gets every event from the first (INIT) on, until {@link ScenarioRuns.unsubscribe}.
   */
  start(
    spec: RunSpec,
    engine: Pick<ScenarioEngine, 'runScenario'>,
    listener?: (event: RunEvent) => void,
  ): RunRecord {
    const controller = new AbortController();
    const listeners = new Set<(event: RunEvent) => void>(listener ? [listener] : []);
    const startedAt = this.now();
    let finish: () => void = () => {};
    const record: RunRecord = {
      runId: spec.runId,
      scenarioId: spec.scenario.meta.id,
      title: spec.scenario.meta.title,
      path: spec.path,
      runDir: spec.runDir,
      startedAt,
      plannedFaults: plannedFaults(spec.scenario, spec.control),
      state: 'INIT',
      states: [],
      faults: new Map(),
      done: new Promise<void>((resolve) => {
        finish = resolve;
      }),
    };
    const onEvent = (event: RunEvent) => {
      if (event.type === 'state') {
        record.state = event.state;
        record.states.push({
          state: event.state,
          at: this.now(),
          ...(event.skipped && { skipped: event.skipped }),
        });
      } else if (event.type === 'fault') {
        const fault = record.faults.get(event.faultId) ?? { id: event.faultId };
        if (event.action === 'injected') fault.injectedAt = event.at;
        if (event.action === 'detected') fault.detectedAt = event.at;
        if (event.action === 'reverted') fault.revertedAt = event.at;
        if (event.action === 'recovered') fault.recoveredAt = event.at;
        if (event.action === 'skipped') fault.skipped = event.detail ?? 'skipped';
        record.faults.set(event.faultId, fault);
      }
      for (const listener of listeners) {
        try {
          listener(event);
        } catch {
          // a listener (a progress notification) must never break the run
        }
      }
    };
    this.entries.set(spec.runId, { record, controller, listeners });
    engine
      .runScenario({
        scenario: spec.scenario,
        scenarioText: spec.scenarioText,
        outDir: spec.runDir,
        runId: spec.runId,
        cwd: spec.cwd,
        ...(spec.control !== undefined && { control: spec.control }),
        signal: controller.signal,
        onEvent,
        env: spec.env,
        ...this.options.engine,
      })
      .then(
        (outcome) => {
          record.outcome = outcome;
        },
        (error: unknown) => {
          record.error = error instanceof Error ? error.message : String(error);
        },
      )
      .finally(() => {
        record.finishedAt = this.now();
        listeners.clear();
        this.forgetOldRuns();
        finish();
      });
    return record;
  }

  /** A run of this process, running or finished. */
  get(runId: string): RunRecord | undefined {
    return this.entries.get(runId)?.record;
  }

  /** The runs still running. */
  active(): RunRecord[] {
    return [...this.entries.values()].map((e) => e.record).filter((r) => r.finishedAt === undefined);
  }

  /** Stops calling a listener given to {@link ScenarioRuns.start}. */
  unsubscribe(runId: string, listener: (event: RunEvent) => void): void {
    this.entries.get(runId)?.listeners.delete(listener);
  }

  /** Asks a running run to abort (rollback, then cleanup); false when it is not running here. */
  abort(runId: string, reason: string): boolean {
    const entry = this.entries.get(runId);
    if (!entry || entry.record.finishedAt !== undefined) return false;
    entry.controller.abort(reason);
    return true;
  }

  /** Aborts every running run and waits for their cleanup: the server is going away. */
  async shutdown(reason = 'the chaos-engineering server is shutting down'): Promise<void> {
    const running = this.active();
    for (const record of running) this.abort(record.runId, reason);
    await Promise.all(running.map((r) => r.done));
  }

  private forgetOldRuns(): void {
    const finished = [...this.entries.values()].filter((e) => e.record.finishedAt !== undefined);
    for (const entry of finished.slice(0, Math.max(0, finished.length - this.keepFinished))) {
      this.entries.delete(entry.record.runId);
    }
  }
}

/** Waits for `promise` at most `ms` (and not past `signal`); true when it settled in time. */
export async function settlesWithin(
  promise: Promise<unknown>,
  ms: number,
  signal?: AbortSignal,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const outcome = await Promise.race([
    promise.then(() => true),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
      if (signal) {
        onAbort = () => resolve(false);
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort, { once: true });
      }
    }),
  ]);
  clearTimeout(timer);
  if (onAbort) signal?.removeEventListener('abort', onAbort);
  return outcome;
}
