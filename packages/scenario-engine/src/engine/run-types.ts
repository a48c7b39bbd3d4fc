import type { AssistantTurn } from '../assistant/assistant-client';
import type { Evaluation } from '../evaluate/evaluation';
import type { ActiveFault, FaultObservation } from '../faults/fault-provider';
import type { RunState, Verdict } from '../fsm/states';
import type { ProbeSample } from '../probes/probe-sample';
import type { ToleranceResult } from '../probes/tolerance';
import type { CommandResult } from '../remedy/command-runner';

/** The measured outcome of one fault. */
export interface FaultMeasurement {
  id: string;
  type: string;
  provider: string;
  target: string;
  /** `injected`, `skipped` (with `reason`) or `failed`. */
  status: 'injected' | 'skipped' | 'failed';
  reason?: string;
  injectedAt?: number;
  detectedAt?: number;
  revertedAt?: number;
  recoveredAt?: number;
  /** Time to detect: detection − injection, in ms; null when not detected. */
  mttdMs: number | null;
  /** Time to recover: recovery − injection (self-healing faults) or − revert (reverted faults), in ms. */
  mttrMs: number | null;
  recoveryFrom?: ActiveFault['recoveryFrom'];
  detectedBy?: { probe: string; error?: string; latencyMs: number };
  observation?: FaultObservation;
}

/** A finding of the run, with an id stable across runs of the same scenario. */
export interface Observation {
  id: string;
  kind: string;
  severity: 'info' | 'warning' | 'error';
  message: string;
}

/** An assistant step as evaluated. */
export interface AssistantResult {
  turn?: AssistantTurn;
  evaluations: Evaluation[];
  passed: boolean;
  error?: string;
}

/** report.json. */
export interface RunReport {
  schemaVersion: 1;
  runId: string;
  scenarioId: string;
  title: string;
  verdict: Verdict;
  /** Why the verdict is not PASS (first reason), or a summary. */
  reason: string;
  control: boolean;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  states: Array<{ state: RunState | 'SKIPPED'; at: number; skipped?: RunState[]; note?: string }>;
  faults: FaultMeasurement[];
  steadyState: { precheck: Record<string, ToleranceResult>; verify: Record<string, ToleranceResult> };
  assistant: { rca?: AssistantResult; remedy?: AssistantResult };
  commands: Array<Omit<CommandResult, 'stdout' | 'stderr'> & { output: string; phase: 'remedy' | 'cleanup' }>;
  observations: Observation[];
  falseAlarms?: number;
  recovered?: boolean;
  samples: { count: number; file: string };
}

/** Progress of a run, for terminals and MCP progress notifications. */
export type RunEvent =
  | { type: 'state'; state: RunState; skipped?: RunState[] }
  | { type: 'sample'; sample: ProbeSample }
  | {
      type: 'fault';
      action: 'injected' | 'detected' | 'reverted' | 'recovered' | 'skipped';
      faultId: string;
      at: number;
      detail?: string;
    }
  | { type: 'log'; message: string };
