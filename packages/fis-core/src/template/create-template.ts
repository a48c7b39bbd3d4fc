import type { ZodError, z } from 'zod';
import { bundledCatalog } from '../catalog/bundled-catalog';
import type { Catalog } from '../catalog/catalog';
import type { CatalogAction } from '../catalog/types';
import { formatIsoDuration, isExactIsoDuration, parseIsoDuration } from '../duration';
import { FisCoreError, FisCoreErrorCode } from '../errors';
import { DEFAULT_DURATION_SECONDS, defaultParameters } from '../recommend/parameter-defaults';
import { findPlaceholders } from '../recommend/placeholders';
import { DEFAULT_TARGET_TAGS } from '../recommend/target-suggestion';
import { closestMatch } from '../validate/did-you-mean';
import { readSelectionMode } from '../validate/selection-mode';
import { cloudFormationTemplate } from './cloudformation';
import { experimentRolePolicy, experimentRoleTrustPolicy, type IamPolicyDocument } from './iam-policy';
import {
  isRecommendationResult,
  type RecommendationInput,
  RecommendationInputSchema,
} from './recommendation-input';
import { type TargetConfig, TargetConfigSchema } from './target-config';
import type { ExperimentTemplate, ExperimentTemplateAction, ExperimentTemplateTarget } from './types';
import { toYaml } from './yaml';

/** Names used in error messages for the two inputs (the MCP tool uses its own argument names). */
export interface InputNames {
  recommendation: string;
  targetConfig: string;
}

/** Options of {@link createTemplate}. */
export interface CreateTemplateOptions {
  /** Catalog to check actions against. Defaults to the bundled snapshot. */
  catalog?: Catalog;
  /** How inputs are named in error messages. Default `recommendations[i]` and `targetConfig`. */
  inputNames?: InputNames;
}

/** A value the user must still fill in before deploying. */
export interface TemplatePlaceholder {
  /** The placeholder text as it stands in the template, e.g. `<YOUR KUBERNETES SERVICE ACCOUNT>`. */
  text: string;
  /** JSON Pointers into `template` where it occurs. */
  paths: string[];
  /** What to put there. */
  hint: string;
}

/** What {@link createTemplate} returns. */
export interface CreateTemplateResult {
  /** The template in the CreateExperimentTemplate (API) shape. */
  template: ExperimentTemplate;
  /** The same as a CloudFormation template (with the experiment role when no roleArn was given). */
  cloudformation: { template: Record<string, unknown>; yaml: string };
  /** Least-privilege policy for the experiment role. */
  iamPolicy: IamPolicyDocument;
  /** Trust policy of the experiment role. */
  trustPolicy: Record<string, unknown>;
  placeholders: TemplatePlaceholder[];
  warnings: string[];
}

const HINTS: Record<string, string> = {
  '<YOUR AWS ACCOUNT>': 'your 12-digit AWS account id (target_config.accountId fills it)',
  '<YOUR REGION>': 'the AWS Region of the experiment, e.g. us-east-1 (target_config.region fills it)',
  '<YOUR FIS EXPERIMENT ROLE NAME>': 'the IAM role FIS assumes (the CloudFormation output creates one)',
  '<YOUR STOP CONDITION ALARM NAME>':
    'a CloudWatch alarm that fires when the service leaves its steady state',
  '<YOUR KUBERNETES SERVICE ACCOUNT>':
    'a Kubernetes service account bound to the FIS experiment role (see the FIS EKS pod actions setup)',
  '<YOUR KUBERNETES NAMESPACE>': 'the namespace of the pods to target',
  '<YOUR POD LABEL SELECTOR>': 'a label selector of the pods to target, e.g. app=checkout',
  '<YOUR EKS CLUSTER NAME>': 'the name of the EKS cluster',
  '<YOUR AVAILABILITY ZONE>': 'an Availability Zone name or id, e.g. us-east-1a or use1-az1',
  '<YOUR AUTOMATION RUNBOOK ARN>': 'the ARN of the SSM Automation document that injects the fault',
  '<YOUR SSM DOCUMENT ARN>': 'the ARN of the SSM document to run',
  '<YOUR PROCESS NAME>': 'the name of the process to kill',
  '<YOUR ALARM ARN>': 'the ARN of the CloudWatch alarm to check',
  '<YOUR DESTINATION REGION>': 'the other Region of the cross-Region dependency',
  '<YOUR APPLICATION ROLE NAME>': 'the IAM role your application uses to call AWS',
  '<YOUR CHAOS RESOURCE SPEC JSON>': 'the spec of the Chaos Mesh or Litmus resource, as JSON',
  '<YOUR CHAOS MESH KIND>':
    'the Chaos Mesh kind that reproduces the failure, e.g. NetworkChaos or StressChaos',
  '<YOUR SSM AUTOMATION ROLE NAME>':
    'the IAM role the Automation runbook assumes (AutomationAssumeRole); the FIS role needs iam:PassRole on it',
  '<YOUR MSK BROKER REBOOT RUNBOOK>':
    'an SSM Automation document in your account that reboots an MSK broker (see aws-samples/fis-template-library, msk-broker-reboot)',
  '<YOUR ELASTICACHE FAILOVER RUNBOOK>':
    'an SSM Automation document in your account that fails over the primary node (see aws-samples/fis-template-library, elasticache-redis-primary-node-failover)',
  '<YOUR SQS IMPAIRMENT RUNBOOK>':
    'an SSM Automation document in your account that denies access to the queues (see aws-samples/fis-template-library, sqs-queue-impairment)',
};

function parseInputs(
  recommendations: unknown,
  targetConfig: unknown,
  names: InputNames,
): { recommendations: RecommendationInput[]; config: TargetConfig } {
  const list = Array.isArray(recommendations) ? recommendations : [recommendations];
  if (list.length === 0) {
    throw new FisCoreError(
      FisCoreErrorCode.InvalidInput,
      `${names.recommendation}: give at least one recommendation`,
    );
  }
  const issues: Array<{ path: string; message: string }> = [];
  const parsed = list.map((item, index) => {
    const result = RecommendationInputSchema.safeParse(item);
    if (!result.success) {
      const base = Array.isArray(recommendations)
        ? `${names.recommendation}[${index}]`
        : names.recommendation;
      issues.push(...describeIssues(result.error, base));
    }
    return result.data as RecommendationInput;
  });
  const config = TargetConfigSchema.safeParse(targetConfig ?? {});
  if (!config.success)
    issues.push(...describeIssues(config.error, names.targetConfig, Object.keys(TargetConfigSchema.shape)));
  if (issues.length) {
    throw new FisCoreError(
      FisCoreErrorCode.InvalidInput,
      issues.map((i) => `${i.path}: ${i.message}`).join('; '),
      { data: { issues } },
    );
  }
  return { recommendations: parsed, config: config.data as TargetConfig };
}

function describeIssues(
  error: ZodError,
  base: string,
  knownKeys: string[] = [],
): Array<{ path: string; message: string }> {
  return error.issues.flatMap((issue: z.core.$ZodIssue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const suggestion = closestMatch(key, knownKeys);
        return {
          path: [base, ...issue.path, key].join('.'),
          message: `unknown field${suggestion ? `; did you mean ${suggestion}?` : ''} (expected one of ${knownKeys.join(', ')})`,
        };
      });
    }
    return [{ path: [base, ...issue.path].join('.'), message: issue.message }];
  });
}

/**
 * Refuses resourceArns together with tags: a FIS target selects by resourceArns or by resourceTags,
 * never both (the catalog's template rule T21), so one of them would be dropped silently.
 */
function checkOneSelection(config: TargetConfig, names: InputNames, catalog: Catalog): void {
  if (config.resourceArns === undefined || config.tags === undefined) return;
  const arnsPath = `${names.targetConfig}.resourceArns`;
  const tagsPath = `${names.targetConfig}.tags`;
  const rule = catalog.data.templateRules.find((r) => r.id === 'T21');
  const message = 'give resourceArns or tags, not both';
  throw new FisCoreError(
    FisCoreErrorCode.InvalidInput,
    `${arnsPath}, ${tagsPath}: ${message}: a FIS target selects resources by resourceArns or by resourceTags${rule ? ` (${rule.id}: ${rule.rule})` : ''}`,
    {
      data: {
        issues: [
          { path: arnsPath, message },
          { path: tagsPath, message },
        ],
        ...(rule && { ruleId: rule.id }),
      },
    },
  );
}

/** Refuses a selectionMode FIS would reject (`PERCENT(150)`, `COUNT(0)`, `count(1)`), naming the fix. */
function checkSelectionMode(value: string, path: string): void {
  const reading = readSelectionMode(value);
  if (reading.ok) return;
  throw new FisCoreError(
    FisCoreErrorCode.InvalidInput,
    `${path}: ${JSON.stringify(value)}: ${reading.problem}${reading.suggestion ? `; ${reading.suggestion}` : ''}`,
    { data: { issues: [{ path, message: reading.problem }], suggestion: reading.suggestion } },
  );
}

function resolveAction(catalog: Catalog, id: string, path: string): CatalogAction {
  const action = catalog.action(id);
  if (action) return action;
  const suggestion = closestMatch(
    id,
    catalog.actions.map((a) => a.id),
  );
  throw new FisCoreError(
    FisCoreErrorCode.UnknownAction,
    `${path}: unknown FIS action "${id}"${suggestion ? `; did you mean ${suggestion}?` : ''} (see fis://actions for the catalog)`,
    { data: { issues: [{ path, message: 'unknown FIS action' }], suggestion } },
  );
}

function checkDuration(action: CatalogAction, value: string, path: string): string {
  const seconds = parseIsoDuration(value);
  const parameter = action.parameters.find((p) => p.name === action.durationParameter);
  if (seconds === null || seconds <= 0) {
    throw new FisCoreError(
      FisCoreErrorCode.InvalidInput,
      `${path}: "${value}" is not an ISO 8601 duration; expected e.g. PT5M, PT30S or PT1H`,
    );
  }
  if (!isExactIsoDuration(value)) {
    const exact = value.trim().toUpperCase();
    throw new FisCoreError(
      FisCoreErrorCode.InvalidInput,
      `${path}: "${value}" is not written the way FIS expects (upper-case ISO 8601, no spaces); use ${exact}`,
      { data: { issues: [{ path, message: 'not an exact ISO 8601 duration' }], suggestion: exact } },
    );
  }
  const min = parameter?.minSeconds ?? 0;
  const max = Math.min(parameter?.maxSeconds ?? 43_200, 43_200);
  if (seconds < min || seconds > max) {
    throw new FisCoreError(
      FisCoreErrorCode.InvalidInput,
      `${path}: ${value} is outside the range of ${action.id} (${formatIsoDuration(min)} to ${formatIsoDuration(max)})`,
    );
  }
  return value;
}

function accountAndRegion(
  config: TargetConfig,
  inputs: readonly RecommendationInput[],
): { accountId?: string; region?: string } {
  const arns = [
    config.roleArn,
    ...[config.stopConditionAlarmArn ?? []].flat(),
    ...(config.resourceArns ?? []),
    ...inputs.flatMap((i) => i.target?.resourceArns ?? []),
  ].filter((a): a is string => typeof a === 'string');
  const accountId = config.accountId ?? arns.map((a) => a.split(':')[4]).find((a) => a && /^\d{12}$/.test(a));
  const region =
    config.region ?? arns.map((a) => a.split(':')[3]).find((r) => r && /^[a-z]{2}(-[a-z]+)+-\d+$/.test(r));
  return { ...(accountId && { accountId }), ...(region && { region }) };
}

function fill(value: string, place: { accountId?: string; region?: string }): string {
  let out = value;
  if (place.accountId) out = out.replaceAll('<YOUR AWS ACCOUNT>', place.accountId);
  if (place.region) out = out.replaceAll('<YOUR REGION>', place.region);
  return out;
}

function fillDeep<T>(value: T, place: { accountId?: string; region?: string }): T {
  if (typeof value === 'string') return fill(value, place) as T;
  if (Array.isArray(value)) return value.map((v) => fillDeep(v, place)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillDeep(v, place)])) as T;
  }
  return value;
}

function uniqueName(base: string, taken: Set<string>): string {
  const clean = base.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 60) || 'action';
  let name = clean;
  for (let n = 2; taken.has(name); n += 1) name = `${clean}-${n}`;
  taken.add(name);
  return name;
}

function pointerPaths(value: unknown, text: string, path = ''): string[] {
  if (typeof value === 'string') return value.includes(text) ? [path || '/'] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => pointerPaths(v, text, `${path}/${i}`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) =>
      pointerPaths(v, text, `${path}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`),
    );
  }
  return [];
}

/**
 * Builds a complete, deployable FIS experiment template from one or more recommendations (as
 * `recommend()` returns them, or the Python recommender's `{action, duration}`) and a target
 * configuration. Alongside the API-shaped template it returns the CloudFormation template (JSON
 * data and YAML text, with a least-privilege role when no `roleArn` is given), the IAM policy, and
 * every placeholder still to fill. Without a stop-condition alarm the template gets an alarm
 * placeholder, unless `allowNoStopCondition` waives it explicitly.
 *
 * Throws {@link FisCoreError}: `FIS_INVALID_INPUT` (naming the field) or `FIS_UNKNOWN_ACTION`.
 *
 * @example
 * const [top] = recommend(finding).recommendations;
 * const { template, cloudformation } = createTemplate(top, { roleArn: 'arn:aws:iam::123456789012:role/FisRole' });
 */
export function createTemplate(
  recommendations: RecommendationInput | RecommendationInput[] | unknown,
  targetConfig: TargetConfig | unknown = {},
  options: CreateTemplateOptions = {},
): CreateTemplateResult {
  const catalog = options.catalog ?? bundledCatalog();
  const names = options.inputNames ?? { recommendation: 'recommendations', targetConfig: 'targetConfig' };
  const warnings: string[] = [];
  if (isRecommendationResult(recommendations)) {
    // the whole answer of recommend(): one tool's output is the next one's input
    const [top] = recommendations.recommendations;
    if (top === undefined) {
      throw new FisCoreError(
        FisCoreErrorCode.InvalidInput,
        `${names.recommendation}: the recommendations hold no experiment for ${recommendations.findingId ?? 'this finding'}: nothing to build (read its limitations)`,
      );
    }
    const count = recommendations.recommendations.length;
    warnings.push(
      `${names.recommendation} was a whole recommend_fis_experiments result: built its top recommendation (${String((top as { actionId?: unknown }).actionId ?? '?')})${count > 1 ? `; pass one of its ${count} recommendations (or several, as an array) to build another` : ''}.`,
    );
    recommendations = top;
  }
  const { recommendations: inputs, config } = parseInputs(recommendations, targetConfig, names);
  if (config.selectionMode !== undefined) {
    checkSelectionMode(config.selectionMode, `${names.targetConfig}.selectionMode`);
  }
  checkOneSelection(config, names, catalog);
  const place = accountAndRegion(config, inputs);
  const multiple = Array.isArray(recommendations);
  const targets: Record<string, ExperimentTemplateTarget> = {};
  const targetNames = new Set<string>();
  const actionNames = new Set<string>();
  const actions: Record<string, ExperimentTemplateAction> = {};
  const usedParameterOverrides = new Set<string>();
  let configTypeUsed = config.resourceType === undefined;
  let previous: string | undefined;

  inputs.forEach((input, index) => {
    const path = multiple ? `${names.recommendation}[${index}]` : names.recommendation;
    const action = resolveAction(catalog, (input.actionId ?? input.action) as string, `${path}.actionId`);
    if (action.deprecated) {
      warnings.push(
        `${action.id} is deprecated${action.deprecated.replacedBy ? `; use ${action.deprecated.replacedBy}` : ''}.`,
      );
    }
    const parameters: Record<string, string> = input.parameters
      ? { ...input.parameters }
      : defaultParameters(action, undefined, {
          durationSeconds: DEFAULT_DURATION_SECONDS,
          availabilityZones: [],
          regions: place.region ? [place.region] : [],
          ...(place.region && { region: place.region }),
        });
    const durationValue = config.duration ?? input.duration;
    if (durationValue !== undefined && action.durationParameter) {
      const where = config.duration !== undefined ? `${names.targetConfig}.duration` : `${path}.duration`;
      parameters[action.durationParameter] = checkDuration(action, durationValue, where);
      if (action.id === 'aws:ec2:stop-instances') parameters.startInstancesAfterDuration = durationValue;
    }
    for (const [name, value] of Object.entries(config.parameters ?? {})) {
      if (action.parameters.some((p) => p.name === name)) {
        parameters[name] = value;
        usedParameterOverrides.add(name);
      }
    }
    const templateAction: ExperimentTemplateAction = {
      actionId: action.id,
      description: (input.title ?? input.description ?? action.description).slice(0, 512),
      parameters: fillDeep(parameters, place),
    };
    const [key, resourceType] = Object.entries(action.targets)[0] ?? [];
    if (key && resourceType) {
      const applies = config.resourceType === undefined || config.resourceType === resourceType;
      if (applies) configTypeUsed = true;
      const target = buildTarget(input, key, resourceType, applies ? config : {});
      const serialized = JSON.stringify(target);
      const existing = Object.entries(targets).find(([, t]) => JSON.stringify(t) === serialized);
      const name = existing?.[0] ?? uniqueName(`${key}-Target-${targetNames.size + 1}`, targetNames);
      targets[name] = fillDeep(target, place);
      templateAction.targets = { [key]: name };
    }
    const actionName = uniqueName(action.id.split(':').slice(1).join('-'), actionNames);
    if (config.sequence === 'sequential' && previous) templateAction.startAfter = [previous];
    actions[actionName] = templateAction;
    previous = actionName;
    for (const permission of action.permissions.filter((p) => p.conditional)) {
      warnings.push(`${action.id}: add ${permission.action} to the role if ${permission.note ?? 'needed'}.`);
    }
  });

  if (!configTypeUsed) {
    const expected = [
      ...new Set(
        inputs.flatMap((i) =>
          Object.values(catalog.action((i.actionId ?? i.action) as string)?.targets ?? {}),
        ),
      ),
    ];
    throw new FisCoreError(
      FisCoreErrorCode.InvalidInput,
      `${names.targetConfig}.resourceType: ${config.resourceType} is not a target of the recommended action(s); expected ${expected.length ? expected.join(' or ') : 'no resourceType (these actions take no target)'}`,
    );
  }
  for (const name of Object.keys(config.parameters ?? {})) {
    if (!usedParameterOverrides.has(name)) {
      throw new FisCoreError(
        FisCoreErrorCode.InvalidInput,
        `${names.targetConfig}.parameters.${name}: none of the actions takes a parameter of that name`,
      );
    }
  }

  const alarms = [config.stopConditionAlarmArn ?? []].flat();
  let stopConditions: ExperimentTemplate['stopConditions'];
  if (alarms.length) {
    stopConditions = alarms.map((value) => ({ source: 'aws:cloudwatch:alarm', value }));
  } else if (config.allowNoStopCondition) {
    stopConditions = [{ source: 'none' }];
    warnings.push(
      'No stop condition (explicitly waived): nothing will stop the experiment early if the service degrades.',
    );
  } else {
    stopConditions = [
      {
        source: 'aws:cloudwatch:alarm',
        value: fill(
          'arn:aws:cloudwatch:<YOUR REGION>:<YOUR AWS ACCOUNT>:alarm:<YOUR STOP CONDITION ALARM NAME>',
          place,
        ),
      },
    ];
    warnings.push(
      'No stop-condition alarm given: the template names a placeholder alarm; set target_config.stopConditionAlarmArn (or waive with allowNoStopCondition).',
    );
  }

  const titles = inputs.map((i) => i.title ?? i.description ?? i.actionId ?? i.action);
  const description = (
    config.description ??
    (titles.length === 1 ? titles[0] : `Faultline experiment: ${titles.join('; ')}`) ??
    'Faultline experiment'
  ).slice(0, 512);
  const findingIds = [...new Set(inputs.map((i) => i.findingId).filter(Boolean))];
  const recommendationIds = inputs.map((i) => i.id).filter(Boolean);
  const template: ExperimentTemplate = {
    description,
    targets,
    actions,
    stopConditions,
    roleArn:
      config.roleArn ?? fill('arn:aws:iam::<YOUR AWS ACCOUNT>:role/<YOUR FIS EXPERIMENT ROLE NAME>', place),
    tags: {
      Name: description.slice(0, 256),
      'created-by': 'faultline',
      ...(findingIds.length && { 'faultline:finding-id': findingIds.join(' ').slice(0, 256) }),
      ...(recommendationIds.length && {
        'faultline:recommendation-id': recommendationIds.join(' ').slice(0, 256),
      }),
      ...config.experimentTags,
    },
    experimentOptions: { accountTargeting: 'single-account', emptyTargetResolutionMode: 'fail' },
  };
  if (config.logGroupArn || config.logBucket) {
    template.logConfiguration = {
      ...(config.logGroupArn && { cloudWatchLogsConfiguration: { logGroupArn: config.logGroupArn } }),
      ...(config.logBucket && {
        s3Configuration: { bucketName: config.logBucket, prefix: 'fis-experiments/' },
      }),
      logSchemaVersion: 2,
    };
  }

  const iamPolicy = experimentRolePolicy(catalog, template);
  const trustPolicy = experimentRoleTrustPolicy(place.accountId ?? '<YOUR AWS ACCOUNT>', place.region ?? '*');
  const cfn = cloudFormationTemplate(template, iamPolicy, { createRole: config.roleArn === undefined });
  const placeholders = findPlaceholders(template).map((text) => ({
    text,
    paths: pointerPaths(template, text),
    hint: HINTS[text] ?? 'a value for your environment',
  }));
  if (placeholders.length) {
    warnings.push(
      `Fill ${placeholders.length} placeholder(s) before deploying: ${placeholders.map((p) => p.text).join(', ')}.`,
    );
  }
  return {
    template,
    cloudformation: { template: cfn, yaml: toYaml(cfn) },
    iamPolicy,
    trustPolicy,
    placeholders,
    warnings,
  };
}

function buildTarget(
  input: RecommendationInput,
  _key: string,
  resourceType: string,
  config: Partial<TargetConfig>,
): ExperimentTemplateTarget {
  const suggested = input.target && input.target.resourceType === resourceType ? input.target : undefined;
  const target: ExperimentTemplateTarget = {
    resourceType,
    selectionMode: suggested?.selectionMode ?? 'COUNT(1)',
  };
  if (suggested?.resourceArns?.length) target.resourceArns = [...suggested.resourceArns];
  else if (suggested?.resourceTags) target.resourceTags = { ...suggested.resourceTags };
  if (suggested?.parameters) target.parameters = { ...suggested.parameters };
  if (suggested?.filters?.length && !target.resourceArns) {
    target.filters = suggested.filters.map((f) => ({ path: f.path, values: [...f.values] }));
  }
  if (!suggested) {
    if (resourceType === 'aws:eks:pod') {
      target.parameters = {
        clusterIdentifier: '<YOUR EKS CLUSTER NAME>',
        namespace: '<YOUR KUBERNETES NAMESPACE>',
        selectorType: 'labelSelector',
        selectorValue: '<YOUR POD LABEL SELECTOR>',
      };
    } else if (resourceType === 'aws:iam:role') {
      target.resourceArns = ['arn:aws:iam::<YOUR AWS ACCOUNT>:role/<YOUR APPLICATION ROLE NAME>'];
      target.selectionMode = 'ALL';
    } else {
      target.resourceTags = { ...DEFAULT_TARGET_TAGS };
      if (resourceType === 'aws:elasticache:replicationgroup') {
        target.parameters = { availabilityZoneIdentifier: '<YOUR AVAILABILITY ZONE>' };
      }
    }
  }
  if (config.resourceArns) {
    target.resourceArns = [...config.resourceArns];
    delete target.resourceTags;
    delete target.filters;
    target.selectionMode = config.selectionMode ?? 'ALL';
  } else if (config.tags) {
    target.resourceTags = { ...config.tags };
    delete target.resourceArns;
  }
  if (config.selectionMode) target.selectionMode = config.selectionMode;
  if (config.targetParameters) target.parameters = { ...target.parameters, ...config.targetParameters };
  return target;
}
