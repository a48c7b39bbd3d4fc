import type { CatalogAction, CatalogParameter } from '../catalog/types';
import { formatIsoDuration } from '../duration';
import { placeholder } from './placeholders';

/** What the defaults may draw on: the finding's zones and regions, and the chosen duration. */
export interface ParameterContext {
  durationSeconds: number;
  availabilityZones: readonly string[];
  regions: readonly string[];
  /** Region of the experiment, when known. */
  region?: string;
  /** The `service` parameter already chosen (aws:fis:inject-api-*), which the operations must match. */
  service?: string;
}

/** The safe default for a fault's length: five minutes, within the action's limits. */
export const DEFAULT_DURATION_SECONDS = 300;

/** Clamps a duration into a parameter's documented range. */
export function clampDuration(parameter: CatalogParameter | undefined, seconds: number): number {
  let value = seconds;
  if (parameter?.minSeconds !== undefined) value = Math.max(value, parameter.minSeconds);
  if (parameter?.maxSeconds !== undefined) value = Math.min(value, parameter.maxSeconds);
  return Math.min(value, 12 * 3600);
}

function clampNumber(parameter: CatalogParameter, value: number): number {
  let out = value;
  if (parameter.min !== undefined) out = Math.max(out, parameter.min);
  if (parameter.max !== undefined) out = Math.min(out, parameter.max);
  return out;
}

/** Fills `{region}`, `{duration}`, `{durationSeconds}` and `{az}` in a preset value. */
export function fillVariables(value: string, context: ParameterContext, durationSeconds: number): string {
  return value
    .replaceAll('{region}', context.region ?? context.regions[0] ?? placeholder('region'))
    .replaceAll('{durationSeconds}', String(Math.round(durationSeconds)))
    .replaceAll('{duration}', formatIsoDuration(durationSeconds))
    .replaceAll('{az}', context.availabilityZones[0] ?? placeholder('availability zone'));
}

function otherRegion(context: ParameterContext): string {
  const home = context.region ?? context.regions[0];
  return context.regions.find((r) => r !== home) ?? placeholder('destination region');
}

/**
 * Read-only API operations of the namespace an aws:fis:inject-api-* action injects into: the
 * operations must belong to its `service` parameter, or the fault never fires.
 */
const SAFE_OPERATIONS: Readonly<Record<string, string>> = {
  ec2: 'DescribeInstances,DescribeVolumes',
  kinesis: 'GetRecords,GetShardIterator',
};

function defaultOperations(service: string | undefined): string {
  return (service && SAFE_OPERATIONS[service]) || placeholder('api operations');
}

/** A safe value for a required parameter that no failure mode preset gives. */
function requiredDefault(
  action: CatalogAction,
  parameter: CatalogParameter,
  context: ParameterContext,
): string {
  const name = parameter.name;
  if (parameter.type === 'ISO8601-duration') {
    return formatIsoDuration(clampDuration(parameter, context.durationSeconds));
  }
  switch (name) {
    case 'availabilityZoneIdentifier':
    case 'availabilityZoneIdentifiers':
      return context.availabilityZones[0] ?? placeholder('availability zone');
    case 'region':
      return otherRegion(context);
    case 'kubernetesServiceAccount':
      return placeholder('kubernetes service account');
    case 'documentArn':
      return action.id === 'aws:ssm:start-automation-execution'
        ? placeholder('automation runbook arn')
        : placeholder('ssm document arn');
    case 'operations':
      return defaultOperations(
        context.service ?? action.parameters.find((p) => p.name === 'service')?.allowed?.[0],
      );
    case 'alarmArns':
      return placeholder('alarm arn');
    case 'processName':
      return placeholder('process name');
    case 'port':
      return '443';
    case 'kubernetesNamespace':
      return placeholder('kubernetes namespace');
    case 'kubernetesSpec':
      return placeholder('chaos resource spec json');
    case 'contentTypeHeader':
      return 'application/json';
    case 'statusCode':
      return '502';
    case 'preventExecution':
      return 'true';
    case 'managedResourceTypes':
      return 'ALB';
    case 'alarmStates':
      return 'ALARM';
    case 'trafficType':
      return 'egress';
    case 'protocol':
      return 'tcp';
    case 'scope':
      return 'all';
  }
  if (parameter.type === 'integer-string' || parameter.type === 'number-string') {
    // Percentages start small: the blast radius grows only once the experiment is understood.
    const start = /percent/i.test(name) ? 25 : (parameter.min ?? 1);
    return String(clampNumber(parameter, start));
  }
  if (parameter.type === 'boolean-string') return 'false';
  if (parameter.allowed?.length) return parameter.allowed[0] as string;
  return placeholder(name.replace(/([a-z])([A-Z])/g, '$1 $2'));
}

/**
 * The parameters of a recommended action: the failure mode's presets (with variables filled), then
 * every required parameter with a safe default, then the duration within the action's limits (set
 * even when the catalog marks it optional, so that FIS ends the fault). Values outside the catalog's
 * bounds are clamped.
 */
export function defaultParameters(
  action: CatalogAction,
  presets: Readonly<Record<string, string>> | undefined,
  context: ParameterContext,
): Record<string, string> {
  const out: Record<string, string> = {};
  const durationParameter = action.parameters.find((p) => p.name === action.durationParameter);
  const durationSeconds = clampDuration(durationParameter, context.durationSeconds);
  for (const parameter of action.parameters) {
    const preset = presets?.[parameter.name];
    if (preset !== undefined) {
      out[parameter.name] = fillVariables(preset, context, durationSeconds);
    } else if (parameter.required === true) {
      out[parameter.name] = requiredDefault(action, parameter, {
        ...context,
        durationSeconds,
        ...(out.service !== undefined && { service: out.service }),
      });
    }
  }
  // The duration parameter is set even when optional: it is what makes FIS undo the fault
  // (aws:ec2:stop-instances without startInstancesAfterDuration leaves the instances stopped).
  if (durationParameter && out[durationParameter.name] === undefined) {
    out[durationParameter.name] = formatIsoDuration(durationSeconds);
  }
  for (const parameter of action.parameters) {
    const value = out[parameter.name];
    if (value === undefined) continue;
    if (
      (parameter.type === 'integer-string' || parameter.type === 'number-string') &&
      /^-?\d+(\.\d+)?$/.test(value)
    ) {
      out[parameter.name] = String(clampNumber(parameter, Number(value)));
    }
  }
  return out;
}
