import { ValidationIssueCode as Code } from '../codes';
import type { TemplateScope } from '../context';
import { closestMatch } from '../did-you-mean';
import { child } from '../json-pointer';
import type { ActionEntry, TemplateModel } from '../template-model';
import { quote } from '../values';

/** The startAfter graph: each action's valid predecessors, and a topological order when there is no cycle. */
export interface StartAfterGraph {
  predecessors: Map<string, string[]>;
  /** Actions in an order where predecessors come first; `undefined` when startAfter has a cycle. */
  order: ActionEntry[] | undefined;
}

/**
 * T16, T17: startAfter entries name other actions of the template, never the action itself, and
 * do not form cycles. Each cycle is reported once, naming its members. Iterative, so very large
 * inputs cannot overflow the stack.
 */
export function checkStartAfter(scope: TemplateScope, model: TemplateModel): StartAfterGraph {
  const predecessors = new Map<string, string[]>();
  for (const entry of model.actions) {
    const list: string[] = [];
    for (const { name, at } of entry.startAfter) {
      if (name === entry.name) {
        scope.ctx.rule(
          'T17',
          Code.StartAfterSelf,
          at,
          `${at.label}: action ${entry.name} cannot start after itself.`,
          `remove ${quote(name)}`,
        );
        continue;
      }
      if (!model.actionsByName.has(name)) {
        if (model.actionNames.has(name)) continue; // defined, but broken: reported there
        const match = closestMatch(name, model.actionsByName.keys());
        scope.ctx.rule(
          'T16',
          Code.StartAfterNotFound,
          at,
          `${at.label}: there is no action ${quote(name)} in this template.`,
          match ? `did you mean ${match}?` : 'name an action of this template, or remove the entry',
        );
        continue;
      }
      if (!list.includes(name)) list.push(name);
    }
    predecessors.set(entry.name, list);
  }
  return { predecessors, order: topologicalOrder(scope, model, predecessors) };
}

function topologicalOrder(
  scope: TemplateScope,
  model: TemplateModel,
  predecessors: Map<string, string[]>,
): ActionEntry[] | undefined {
  const waiting = new Map<string, number>();
  const successors = new Map<string, string[]>();
  for (const entry of model.actions) {
    const preds = predecessors.get(entry.name) ?? [];
    waiting.set(entry.name, preds.length);
    for (const p of preds) {
      const list = successors.get(p) ?? [];
      list.push(entry.name);
      successors.set(p, list);
    }
  }
  const order: ActionEntry[] = [];
  const queue = model.actions.filter((e) => waiting.get(e.name) === 0).map((e) => e.name);
  for (let i = 0; i < queue.length; i++) {
    const name = queue[i]!;
    order.push(model.actionsByName.get(name)!);
    for (const next of successors.get(name) ?? []) {
      const left = waiting.get(next)! - 1;
      waiting.set(next, left);
      if (left === 0) queue.push(next);
    }
  }
  if (order.length === model.actions.length) return order;
  reportCycles(scope, model, predecessors, waiting);
  return undefined;
}

/**
 * Every action left waiting is on a cycle or downstream of one, and has a waiting predecessor:
 * following waiting predecessors from it must reach a cycle.
 */
function reportCycles(
  scope: TemplateScope,
  model: TemplateModel,
  predecessors: Map<string, string[]>,
  waiting: Map<string, number>,
): void {
  const done = new Set<string>();
  for (const entry of model.actions) {
    if (waiting.get(entry.name) === 0 || done.has(entry.name)) continue;
    const path: string[] = [];
    const position = new Map<string, number>();
    let current: string | undefined = entry.name;
    while (current !== undefined && !done.has(current) && !position.has(current)) {
      position.set(current, path.length);
      path.push(current);
      current = (predecessors.get(current) ?? []).find((p) => (waiting.get(p) ?? 0) > 0);
    }
    for (const name of path) done.add(name);
    if (current === undefined || !position.has(current)) continue;
    // path[position..] runs backwards along startAfter: each one starts after the next
    const members = path.slice(position.get(current)!);
    const first = model.actions.find((a) => members.includes(a.name))!;
    const rotated = [
      ...members.slice(members.indexOf(first.name)),
      ...members.slice(0, members.indexOf(first.name)),
    ];
    const chain = [...rotated, rotated[0]!].join(' → ');
    const at = child(first.at, scope.names.startAfter);
    scope.ctx.rule(
      'T17',
      Code.StartAfterCycle,
      at,
      `${at.label}: startAfter forms a cycle (${chain}, each waiting for the next); none of ${rotated.join(', ')} can ever start.`,
      `remove one of the startAfter entries between ${rotated.join(', ')}`,
    );
  }
}
