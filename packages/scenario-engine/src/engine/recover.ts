import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toMs } from '../duration';
import { ScenarioEngineError, ScenarioEngineErrorCode } from '../errors';
import { AwsFisProvider } from '../faults/aws-fis/aws-fis-provider';
import { ChaosMeshProvider } from '../faults/chaos-mesh/chaos-mesh-provider';
import type { ActiveFault, FaultProvider } from '../faults/fault-provider';
import { LocalFaultProvider } from '../faults/local/local-provider';
import { Journal, readJournal } from '../fsm/journal';
import type { RunState } from '../fsm/states';
import { analyzeFaultWindow } from '../probes/fault-window';
import { DEFAULT_TOLERANCE } from '../probes/tolerance';
import { SandboxedCommandRunner } from '../remedy/sandboxed-command-runner';
import { readSamples } from '../report/read-run-report';
import { writeReports } from '../report/write-reports';
import { deleteNamespace } from '../runtime/network-namespace';
import { commandLine, isAlive, runProcesses, terminateGroup } from '../runtime/process-tree';
import { TargetLocks } from '../runtime/target-lock';
import type { Scenario } from '../scenario/schema';
import type { RunReport } from './run-types';

/** What {@link recoverRun} did. */
export interface RecoverResult {
  runId: string;
  /** Whether the run had already finished its cleanup (nothing to do). */
  alreadyClean: boolean;
  revertedFaults: string[];
  killedProcesses: number[];
  deletedNamespaces: string[];
  cleanupCommands: number;
  errors: string[];
}

function ownedBy(pid: number, runId: string): boolean {
  const cmd = commandLine(pid);
  if (cmd?.includes(`--faultline-run=${runId}`)) return true;
  try {
    return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`FAULTLINE_RUN_ID=${runId}`);
  } catch {
    return false;
  }
}

/**
 * Rolls back a run that died (kill -9 included) from its journal: reverts every fault injected and
 * not reverted, kills the run's helpers and services (only processes carrying its run id), deletes
 * its network namespaces, releases its target locks, runs the scenario's cleanup commands and
 * writes report.json with verdict ABORTED. Safe to run twice.
 */
export async function recoverRun(
  runDir: string,
  options: { providers?: Partial<Record<ActiveFault['provider'], FaultProvider>>; locks?: TargetLocks } = {},
): Promise<RecoverResult> {
  const journalPath = join(runDir, 'journal.jsonl');
  if (!existsSync(journalPath))
    throw new ScenarioEngineError(ScenarioEngineErrorCode.RecoverFailed, `${runDir} has no journal.jsonl`);
  const entries = readJournal(journalPath);
  const started = entries.find((e) => e.type === 'run-started');
  if (!started)
    throw new ScenarioEngineError(
      ScenarioEngineErrorCode.RecoverFailed,
      `${journalPath} has no run-started entry`,
    );
  const runId = String(started.runId);
  const result: RecoverResult = {
    runId,
    alreadyClean: false,
    revertedFaults: [],
    killedProcesses: [],
    deletedNamespaces: [],
    cleanupCommands: 0,
    errors: [],
  };
  if (entries.some((e) => e.type === 'cleanup-done')) {
    result.alreadyClean = true;
    return result;
  }
  if (
    typeof started.pid === 'number' &&
    isAlive(started.pid) &&
    started.pid !== process.pid &&
    commandLine(started.pid)?.includes('faultline') !== false
  ) {
    const age =
      Date.now() -
      (existsSync(join(runDir, 'heartbeat'))
        ? (await import('node:fs')).statSync(join(runDir, 'heartbeat')).mtimeMs
        : 0);
    if (age < 2000)
      throw new ScenarioEngineError(
        ScenarioEngineErrorCode.RecoverFailed,
        `run ${runId} is still alive (pid ${started.pid}, heartbeat ${age} ms old); abort it instead`,
      );
  }
  const journal = new Journal(journalPath);
  journal.append('recover-started', { pid: process.pid });
  const reverted = new Set(entries.filter((e) => e.type === 'fault-reverted').map((e) => String(e.id)));
  const local = new LocalFaultProvider({
    runId,
    runDir,
    heartbeat: join(runDir, 'heartbeat'),
    staleMs: 0,
    now: Date.now,
  });
  const providers: Record<ActiveFault['provider'], () => FaultProvider> = {
    local: () => options.providers?.local ?? local,
    'aws-fis': () => options.providers?.['aws-fis'] ?? new AwsFisProvider({ runId }),
    'chaos-mesh': () => options.providers?.['chaos-mesh'] ?? new ChaosMeshProvider({ runId }),
  };
  const locks = options.locks ?? new TargetLocks();
  for (const entry of entries.filter((e) => e.type === 'fault-injected')) {
    const active = entry.active as ActiveFault;
    if (reverted.has(active.id)) continue;
    try {
      await providers[active.provider]().revert(active);
      journal.append('fault-reverted', { id: active.id, reason: 'recover' });
      result.revertedFaults.push(active.id);
    } catch (error) {
      result.errors.push(`revert ${active.id}: ${String(error)}`);
    }
    locks.release(active.target, runId);
  }
  // A fault whose injection was cut short: revert what its provider had reported (e.g. a FIS
  // experiment started, its answer never journaled). Local faults live in helpers, killed below.
  const injectedIds = new Set(
    entries.filter((e) => e.type === 'fault-injected').map((e) => String((e.active as ActiveFault).id)),
  );
  const failedIds = new Set(entries.filter((e) => e.type === 'fault-inject-failed').map((e) => String(e.id)));
  for (const entry of entries.filter((e) => e.type === 'fault-injecting')) {
    const id = String(entry.id);
    const fault = entry.fault as { type?: string; target?: string } | undefined;
    const handle = [...entries].reverse().find((e) => e.type === 'fault-handle' && String(e.id) === id)
      ?.handle as Record<string, unknown> | undefined;
    if (handle && !injectedIds.has(id) && !failedIds.has(id) && !reverted.has(id)) {
      const provider = String(entry.provider) as ActiveFault['provider'];
      const partial: ActiveFault = {
        id,
        provider,
        type: fault?.type as ActiveFault['type'],
        target: String(fault?.target ?? ''),
        injectedAt: 0,
        recoveryFrom: 'revert',
        handle,
      };
      try {
        await providers[provider]().revert(partial);
        journal.append('fault-reverted', { id, reason: 'recover (injection was cut short)' });
        result.revertedFaults.push(id);
      } catch (error) {
        result.errors.push(`revert ${id}: ${String(error)}`);
      }
    }
    if (fault?.target) locks.release(fault.target, runId);
  }
  const stopped = new Set(entries.filter((e) => e.type === 'helper-stopped').map((e) => Number(e.pid)));
  const pids = [
    ...entries.filter((e) => e.type === 'service-started').map((e) => Number(e.pid)),
    ...entries
      .filter((e) => e.type === 'helper-started' && !stopped.has(Number(e.pid)))
      .map((e) => Number(e.pid)),
  ];
  for (const pid of pids) {
    if (isAlive(pid) && ownedBy(pid, runId)) {
      await terminateGroup(pid, 1000);
      result.killedProcesses.push(pid);
    }
  }
  // What the journal never named: a process started just before the kill, a sandboxed remedy or
  // cleanup command (they carry FAULTLINE_RUN_ID too), a service's own children.
  for (const left of runProcesses(runId)) {
    if (!isAlive(left.pid)) continue;
    await terminateGroup(left.pid, 500);
    result.killedProcesses.push(left.pid);
  }
  const deleted = new Set(
    entries.filter((e) => e.type === 'namespace-deleted').map((e) => String(e.namespace)),
  );
  for (const entry of entries.filter((e) => e.type === 'namespace-created')) {
    if (deleted.has(String(entry.namespace))) continue;
    deleteNamespace({ name: String(entry.namespace), hostIf: String(entry.hostIf) });
    journal.append('namespace-deleted', { namespace: entry.namespace });
    result.deletedNamespaces.push(String(entry.namespace));
  }
  const scenarioPath = join(runDir, 'scenario.json');
  let scenario: Scenario | undefined;
  try {
    scenario = JSON.parse(readFileSync(scenarioPath, 'utf8')) as Scenario;
  } catch (error) {
    result.errors.push(
      `scenario.json could not be read (${(error as Error).message}); no cleanup commands were run`,
    );
  }
  if (scenario) {
    const always = scenario.cleanup?.always ?? [];
    const sandbox = scenario.execute_remedy?.sandbox;
    const runner = new SandboxedCommandRunner({
      allow: always.map((c) => c.cmd),
      denyPatterns: sandbox?.deny_patterns ?? [],
      env: sandbox?.env ?? {},
      root: runDir,
      cwd: 'work',
    });
    for (const c of always) {
      const r = await runner.run({ name: c.name, cmd: c.cmd, args: c.args, timeoutMs: toMs(c.timeout) });
      if (r.status !== 'ran' || r.exitCode !== 0 || r.timedOut)
        result.errors.push(
          `cleanup command ${c.name}: ${r.status}${r.reason ? ` (${r.reason})` : ` exit ${r.exitCode}`}`,
        );
      writeFileSync(
        join(runDir, `recover-cleanup-${c.name.replace(/[^A-Za-z0-9_-]/g, '_')}.txt`),
        `${r.status} exit ${r.exitCode}\n${r.stdout}\n${r.stderr}`,
      );
      result.cleanupCommands += 1;
    }
  }
  const samples = readSamples(runDir);
  const diedIn = String([...entries].reverse().find((e) => e.type === 'transition')?.to ?? 'INIT');
  const at = (entry: { at: unknown } | undefined) => Date.parse(String(entry?.at ?? '')) || Date.now();
  const startedAt = at(started);
  const finishedAt = Date.now();
  // a whole report (every format the scenario asks for), so `report RUN_DIR` works on it like on any run
  const report: RunReport & { diedIn: string; recover: RecoverResult } = {
    schemaVersion: 1,
    runId,
    scenarioId: scenario?.meta.id ?? String(started.scenarioId ?? ''),
    title: scenario?.meta.title ?? String(started.scenarioId ?? ''),
    verdict: 'ABORTED',
    reason: `the run died in ${diedIn} and was recovered`,
    control: started.control === true,
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(finishedAt).toISOString(),
    durationMs: finishedAt - startedAt,
    states: [
      { state: 'INIT', at: startedAt },
      ...entries.filter((e) => e.type === 'transition').map((e) => ({ state: e.to as RunState, at: at(e) })),
      { state: 'ABORTED', at: finishedAt, note: `recovered: the run died in ${diedIn}` },
      { state: 'CLEANUP', at: finishedAt, note: 'by recover' },
    ],
    diedIn,
    recovered: true,
    faults: entries
      .filter((e) => e.type === 'fault-injected')
      .map((e) => {
        const a = e.active as ActiveFault;
        // what the samples the run wrote before it died say (the run's own revert, if it got that far)
        const revertedAt = entries.find(
          (r) => r.type === 'fault-reverted' && r.id === a.id && typeof r.revertedAt === 'number',
        )?.revertedAt as number | undefined;
        // scenario.json may be partial (an older engine, a hand-made folder): default what is missing
        const probes = scenario?.steady_state?.probes ?? [];
        const analysis =
          probes.length > 0
            ? analyzeFaultWindow(samples, {
                injectedAt: a.injectedAt,
                revertedAt: a.recoveryFrom === 'revert' ? revertedAt : undefined,
                consecutiveOk: scenario?.stabilize?.consecutive_ok ?? 3,
                tolerances: new Map(probes.map((p) => [p.name, p.tolerance ?? DEFAULT_TOLERANCE])),
              })
            : {};
        const from = a.recoveryFrom === 'revert' ? revertedAt : a.injectedAt;
        const recoveredAt = from === undefined ? undefined : analysis.recoveredAt;
        return {
          id: a.id,
          type: a.type,
          provider: a.provider,
          target: a.target,
          status: 'injected' as const,
          injectedAt: a.injectedAt,
          ...(revertedAt !== undefined && { revertedAt }),
          recoveryFrom: a.recoveryFrom,
          ...(analysis.detectedAt !== undefined && {
            detectedAt: analysis.detectedAt,
            detectedBy: analysis.detectedBy,
          }),
          ...(recoveredAt !== undefined && { recoveredAt }),
          mttdMs: analysis.detectedAt !== undefined ? analysis.detectedAt - a.injectedAt : null,
          mttrMs: recoveredAt !== undefined && from !== undefined ? Math.max(0, recoveredAt - from) : null,
        };
      }),
    steadyState: { precheck: {}, verify: {} },
    assistant: {},
    commands: [],
    observations: [],
    samples: { count: samples.length, file: 'samples.jsonl' },
    recover: result,
  };
  writeReports(runDir, report, samples, scenario?.report?.formats ?? ['json', 'junit', 'markdown', 'html']);
  journal.append('cleanup-done', { by: 'recover' });
  journal.append('run-finished', { verdict: 'ABORTED', recovered: true });
  journal.close();
  return result;
}
