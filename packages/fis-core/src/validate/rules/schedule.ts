import { describeDuration, formatIsoDuration } from '../../duration';
import { ValidationIssueCode as Code } from '../codes';
import type { TemplateScope } from '../context';
import { child } from '../json-pointer';
import type { ActionEntry } from '../template-model';
import { isRecord, own } from '../values';
import type { StartAfterGraph } from './start-after';

interface Slot {
  entry: ActionEntry;
  start: number;
  end: number;
  /** The predecessor that finishes last, for naming the longest chain. */
  via?: string;
}

/** When each action starts and ends if every action runs for its full duration. */
function plan(graph: StartAfterGraph, order: ActionEntry[]): Map<string, Slot> {
  const slots = new Map<string, Slot>();
  for (const entry of order) {
    let start = 0;
    let via: string | undefined;
    for (const p of graph.predecessors.get(entry.name) ?? []) {
      const end = slots.get(p)?.end ?? 0;
      if (via === undefined || end > start) {
        start = Math.max(start, end);
        via = p;
      }
    }
    slots.set(entry.name, { entry, start, end: start + entry.seconds, ...(via ? { via } : {}) });
  }
  return slots;
}

/** T31: the longest startAfter chain must fit in the experiment duration quota. */
function checkTotalDuration(scope: TemplateScope, slots: Map<string, Slot>): void {
  let last: Slot | undefined;
  for (const slot of slots.values()) if (!last || slot.end > last.end) last = slot;
  const max = scope.ctx.index.limits.maxExperimentSeconds;
  if (!last || last.end <= max) return;
  const chain: string[] = [];
  for (let slot: Slot | undefined = last; slot; slot = slot.via ? slots.get(slot.via) : undefined) {
    chain.unshift(`${slot.entry.name} (${formatIsoDuration(slot.entry.seconds)})`);
    if (chain.length > 50) break;
  }
  const at = child(scope.root, scope.names.actions);
  scope.ctx.rule(
    'T31',
    Code.ExperimentTooLong,
    at,
    `${at.label}: the longest startAfter chain, ${chain.join(' → ')}, lasts ${describeDuration(last.end)}; an experiment may last at most ${describeDuration(max)}.`,
    'shorten the durations on that chain, or run the actions in parallel',
  );
}

/** T18: how many actions run at once, at worst. Instant actions count at their start. */
function checkParallel(scope: TemplateScope, slots: Map<string, Slot>): void {
  // order at equal times: ends of timed actions, then starts, then ends of instant actions
  const events: Array<[time: number, order: number, delta: number]> = [];
  for (const slot of slots.values()) {
    events.push([slot.start, 1, 1]);
    events.push([slot.end, slot.end === slot.start ? 2 : 0, -1]);
  }
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let running = 0;
  let peak = 0;
  let peakTime = 0;
  for (const [time, , delta] of events) {
    running += delta;
    if (running > peak) {
      peak = running;
      peakTime = time;
    }
  }
  const limit = scope.ctx.index.limits.parallelActions;
  if (peak <= limit) return;
  const names: string[] = [];
  for (const slot of slots.values()) {
    const active =
      slot.start === slot.end ? slot.start === peakTime : slot.start <= peakTime && peakTime < slot.end;
    if (active) names.push(slot.entry.name);
    if (names.length > 12) break;
  }
  const at = child(scope.root, scope.names.actions);
  scope.ctx.rule(
    'T18',
    Code.TooManyParallelActions,
    at,
    `${at.label}: ${peak} actions run at the same time (${names.slice(0, 12).join(', ')}${peak > 12 ? ', …' : ''}); at most ${limit} may run in parallel.`,
    'chain some of them with startAfter',
  );
}

/** Actions that must not overlap on the same targets (T37), by group. */
function conflictGroup(entry: ActionEntry): string | undefined {
  const id = entry.action?.id;
  if (!id) return undefined;
  if (/^aws:ecs:task-network-(blackhole-port|latency|packet-loss)$/.test(id))
    return 'ECS task network faults';
  if (/^aws:eks:pod-network-(latency|packet-loss)$/.test(id))
    return 'EKS pod network latency and packet loss';
  if (id === 'aws:ssm:send-command') {
    const arn = entry.parameters ? own(entry.parameters, 'documentArn') : undefined;
    if (typeof arn === 'string' && /document\/AWSFIS-Run-Network-/.test(arn))
      return 'AWSFIS-Run-Network-* SSM documents';
  }
  return undefined;
}

function targetNames(scope: TemplateScope, entry: ActionEntry): string[] {
  const targets = own(entry.object, scope.names.targets);
  if (!isRecord(targets)) return [];
  return Object.values(targets).filter((v): v is string => typeof v === 'string');
}

/** T37: network faults of one family overlapping in time on the same target. */
function checkConflicts(scope: TemplateScope, slots: Map<string, Slot>): void {
  const candidates = [...slots.values()].filter((s) => conflictGroup(s.entry)).slice(0, 100);
  for (let i = 0; i < candidates.length; i++) {
    for (let j = i + 1; j < candidates.length; j++) {
      const a = candidates[i]!;
      const b = candidates[j]!;
      const group = conflictGroup(a.entry);
      if (group !== conflictGroup(b.entry)) continue;
      const overlap = a.start < b.end && b.start < a.end;
      const shared = targetNames(scope, a.entry).find((t) => targetNames(scope, b.entry).includes(t));
      if (!overlap || !shared) continue;
      scope.ctx.rule(
        'T37',
        Code.ParallelConflict,
        b.entry.at,
        `${b.entry.at.label} runs at the same time as ${a.entry.name} on target ${shared}; ${group} must not run in parallel on the same resources.`,
        `add "startAfter": ["${a.entry.name}"] to ${b.entry.name}`,
      );
    }
  }
}

/**
 * T18, T31, T37: the timeline of the experiment, assuming every action runs for its full duration
 * and starts as soon as the actions in its startAfter have finished.
 */
export function checkSchedule(scope: TemplateScope, graph: StartAfterGraph): void {
  if (!graph.order || graph.order.length === 0) return;
  const slots = plan(graph, graph.order);
  checkTotalDuration(scope, slots);
  checkParallel(scope, slots);
  checkConflicts(scope, slots);
}
