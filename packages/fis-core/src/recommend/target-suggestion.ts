import type { Catalog } from '../catalog/catalog';
import { availabilityZoneFilterPath } from '../catalog/documented-filter-paths';
import type { CatalogAction, CatalogResourceType } from '../catalog/types';
import type { FindingAnalysis } from './finding-analysis';
import { placeholder } from './placeholders';
import type { SuggestedTarget } from './recommendation';

/** The tag AWS's published templates use to mark resources that may take part in experiments. */
export const DEFAULT_TARGET_TAGS: Readonly<Record<string, string>> = { 'FIS-Ready': 'True' };

function clusterName(arns: readonly string[]): string | undefined {
  for (const arn of arns) {
    const match = /:eks:[^:]*:\d{12}:(?:cluster|nodegroup)\/([^/]+)/.exec(arn);
    if (match) return match[1];
  }
  return undefined;
}

const AZ_NAME = /^[a-z]{2}(?:-gov)?-[a-z]+-\d[a-z]$/;

/**
 * When the finding names an Availability Zone, the selection within it: a target parameter of the
 * resource type that takes an AZ (subnets, volumes, pods, RDS), else the documented AZ filter path
 * (EC2 instances, ECS tasks). AZ ids (use1-az1) only go where the parameter says it takes them.
 */
function zonalSelection(
  definition: CatalogResourceType | undefined,
  zones: readonly string[],
): Pick<SuggestedTarget, 'parameters' | 'filters'> {
  const name = zones.find((z) => AZ_NAME.test(z));
  const parameter = definition?.parameters.find((p) => /availabilityZoneIdentifiers?$/i.test(p.name));
  if (parameter) {
    const zone = /AZ ID/.test(parameter.description) ? zones[0] : name;
    return zone ? { parameters: { [parameter.name]: zone } } : {};
  }
  const path =
    definition?.filtersSupported === true ? availabilityZoneFilterPath(definition.type) : undefined;
  return path && name ? { filters: [{ path, values: [name] }] } : {};
}

/**
 * The target to suggest for an action: ARNs from the finding when they are of the action's resource
 * type (at most 5, as FIS allows), otherwise a tag selection of one resource, narrowed to the
 * Availability Zone the finding names (a target parameter, or a documented filter path). Types that FIS
 * identifies by parameters (EKS pods) or by ARNs only (IAM roles, the EKS cluster of a custom
 * resource) get those, with placeholders where the finding does not say.
 */
export function suggestTarget(
  catalog: Catalog,
  action: CatalogAction,
  analysis: FindingAnalysis,
): SuggestedTarget | null {
  const entry = Object.entries(action.targets)[0];
  if (!entry) return null;
  const [key, resourceType] = entry;
  const arns = analysis.resourceArns.get(resourceType) ?? [];
  const allArns = [...analysis.resourceArns.values()].flat();
  const definition = catalog.resourceType(resourceType);
  const base = { key, resourceType };

  const zonal = zonalSelection(definition, analysis.availabilityZones);
  if (resourceType === 'aws:eks:pod') {
    return {
      ...base,
      selectionMode: 'COUNT(1)',
      parameters: {
        clusterIdentifier: clusterName(allArns) ?? placeholder('eks cluster name'),
        namespace: placeholder('kubernetes namespace'),
        selectorType: 'labelSelector',
        selectorValue: placeholder('pod label selector'),
        ...zonal.parameters,
      },
    };
  }
  if (resourceType === 'aws:iam:role') {
    return {
      ...base,
      selectionMode: 'ALL',
      resourceArns: arns.length
        ? arns.slice(0, 5)
        : [`arn:aws:iam::${placeholder('aws account')}:role/${placeholder('application role name')}`],
    };
  }
  if (action.id === 'aws:eks:inject-kubernetes-custom-resource') {
    const cluster =
      arns[0] ??
      `arn:aws:eks:${analysis.regions[0] ?? placeholder('region')}:${placeholder('aws account')}:cluster/${clusterName(allArns) ?? placeholder('eks cluster name')}`;
    return { ...base, selectionMode: 'ALL', resourceArns: [cluster] };
  }
  const requiredParameters: Record<string, string> = {};
  for (const parameter of definition?.parameters ?? []) {
    if (parameter.required === true) {
      requiredParameters[parameter.name] =
        parameter.name === 'availabilityZoneIdentifier'
          ? (analysis.availabilityZones[0] ?? placeholder('availability zone'))
          : placeholder(parameter.name);
    }
  }
  const parameters = Object.keys(requiredParameters).length ? { parameters: requiredParameters } : {};
  const tagsOnly = action.targetingRestrictions.some((r) =>
    /identified by resource tags|resourceTags only|tags only/i.test(r),
  );
  if (arns.length && !tagsOnly) {
    return { ...base, selectionMode: 'ALL', resourceArns: arns.slice(0, 5), ...parameters };
  }
  // Selected by tags: narrow the selection to the Availability Zone the finding names.
  const withZone = { ...requiredParameters, ...zonal.parameters };
  return {
    ...base,
    selectionMode: 'COUNT(1)',
    resourceTags: { ...DEFAULT_TARGET_TAGS },
    ...(Object.keys(withZone).length > 0 && { parameters: withZone }),
    ...(zonal.filters && { filters: zonal.filters }),
  };
}
