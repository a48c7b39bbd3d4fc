import { ValidationIssueCode as Code } from '../codes';
import type { TemplateScope } from '../context';
import { closestMatch } from '../did-you-mean';
import { isIntrinsic } from '../intrinsic';
import { child, type Location } from '../json-pointer';
import { checkLength, checkUnknownFields, expectKind, readString, reportMissing } from '../read-value';
import type { ActionEntry } from '../template-model';
import { firstEntries, has, own, quote, type RecordValue } from '../values';
import { checkActionParameters } from './action-parameters';
import { irreversibleReason } from './irreversible';
import { checkName } from './names';

const ACTION_ID_FORM = /^aws:[a-z0-9-]+:[a-z0-9-]+$/;

/** The suggestion for an unknown action id: the nearest id, or what the service offers. */
function unknownActionHint(scope: TemplateScope, id: string): string | undefined {
  const { actionIds, actionIdsByService } = scope.ctx.index;
  const match = closestMatch(id, actionIds);
  if (match) return `did you mean ${match}?`;
  const service = id.split(':')[1]?.toLowerCase() ?? '';
  const inService = actionIdsByService.get(service);
  if (inService) return `aws:${service} actions are ${inService.join(', ')}`;
  if (service)
    return `FIS has no aws:${service} actions; services with actions: ${[...actionIdsByService.keys()].join(', ')}`;
  return undefined;
}

function checkActionId(scope: TemplateScope, at: Location, object: RecordValue, entry: ActionEntry): void {
  const key = scope.names.actionId;
  const idAt = child(at, key);
  if (!has(object, key)) {
    reportMissing(scope, idAt, 'T08', 'the FIS action id, e.g. aws:ec2:stop-instances');
    return;
  }
  const id = readString(scope, idAt, own(object, key), 'T08');
  if (id === undefined || scope.ctx.hasPlaceholder(idAt)) return;
  entry.actionId = id;
  const action = scope.ctx.index.catalog.action(id);
  if (!action) {
    scope.ctx.invalidActions.add(id);
    const form = ACTION_ID_FORM.test(id) ? '' : ' (action ids have the form aws:<service>:<action>)';
    scope.ctx.rule(
      'T08',
      Code.UnknownAction,
      idAt,
      `${idAt.label}: ${quote(id)} is not a known FIS action${form}.`,
      unknownActionHint(scope, id),
    );
    return;
  }
  checkLength(scope, idAt, id, 1, scope.shape === 'api' ? 128 : 64, 'T08');
  entry.action = action;
  if (action.deprecated) {
    const replacement = action.deprecated.replacedBy;
    scope.ctx.warn(
      Code.DeprecatedAction,
      idAt,
      `${idAt.label}: ${id} is deprecated${replacement ? ` and replaced by ${replacement}` : ''}. ${action.deprecated.note}`,
      replacement ? { suggestion: `use ${replacement}` } : {},
    );
  }
}

function readStartAfter(scope: TemplateScope, at: Location, object: RecordValue): ActionEntry['startAfter'] {
  const key = scope.names.startAfter;
  if (!has(object, key)) return [];
  const listAt = child(at, key);
  const value = own(object, key);
  if (!expectKind(scope, listAt, value, 'list', 'T16')) return [];
  const result: ActionEntry['startAfter'] = [];
  firstEntries(value as unknown[]).forEach((item, i) => {
    const itemAt = child(listAt, i);
    if (scope.allowIntrinsics && isIntrinsic(item)) return;
    const name = readString(scope, itemAt, item, 'T16');
    if (name !== undefined && !scope.ctx.hasPlaceholder(itemAt)) result.push({ name, at: itemAt });
  });
  return result;
}

function checkAction(
  scope: TemplateScope,
  at: Location,
  name: string,
  value: unknown,
): ActionEntry | undefined {
  checkName(scope, at, name, 'action');
  if (!expectKind(scope, at, value, 'object', 'T08')) return undefined;
  const object = value as RecordValue;
  const entry: ActionEntry = { name, at, object, startAfter: [], seconds: 0 };
  checkUnknownFields(scope, at, object, scope.fields.action);
  checkActionId(scope, at, object, entry);
  const descriptionKey = scope.names.description;
  if (has(object, descriptionKey)) {
    const descriptionAt = child(at, descriptionKey);
    const text = readString(scope, descriptionAt, own(object, descriptionKey));
    if (text !== undefined && text.length > 512) {
      scope.ctx.error(
        Code.ValueTooLong,
        descriptionAt,
        `${descriptionAt.label} has ${text.length} characters; at most 512 are allowed.`,
      );
    }
  }
  if (entry.action) {
    const { parameters, seconds } = checkActionParameters(scope, at, object, entry.action);
    if (parameters) entry.parameters = parameters;
    entry.seconds = seconds;
    const reason = irreversibleReason(entry.action.id, parameters);
    if (reason) {
      scope.ctx.warn(
        Code.IrreversibleAction,
        child(at, scope.names.actionId),
        `${at.label} (${entry.action.id}) cannot be undone quickly: ${reason}.`,
        {
          suggestion: 'target few resources (COUNT(1)) and make sure they recover on their own',
        },
      );
    }
  }
  entry.startAfter = readStartAfter(scope, at, object);
  return entry;
}

/** T06–T11, T31 per action: the actions map, each action's id, parameters and startAfter entries. */
export function checkActions(scope: TemplateScope, template: RecordValue): ActionEntry[] {
  const key = scope.names.actions;
  const at = child(scope.root, key);
  if (!has(template, key)) {
    reportMissing(
      scope,
      at,
      'T06',
      'a map of at least one action, e.g. {"stop": {"actionId": "aws:ec2:stop-instances", …}}',
    );
    return [];
  }
  const value = own(template, key);
  if (!expectKind(scope, at, value, 'map', 'T06')) return [];
  const names = Object.keys(value as RecordValue);
  const limit = scope.ctx.index.limits.actionsPerTemplate;
  if (names.length === 0) {
    scope.ctx.rule('T06', Code.NoActions, at, `${at.label} is empty; a template needs at least one action.`);
  } else if (names.length > limit) {
    scope.ctx.rule(
      'T06',
      Code.TooManyActions,
      at,
      `${at.label} has ${names.length} actions; at most ${limit} are allowed per template.`,
      'split the experiment into several templates',
    );
  }
  const entries: ActionEntry[] = [];
  for (const name of firstEntries(names)) {
    const entry = checkAction(scope, child(at, name), name, own(value as RecordValue, name));
    if (entry) entries.push(entry);
  }
  return entries;
}
