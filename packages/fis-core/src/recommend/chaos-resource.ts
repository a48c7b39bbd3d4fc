import type { CatalogAction } from '../catalog/types';
import type { FindingAnalysis } from './finding-analysis';
import type { SignalDefinition } from './knowledge/types';
import { placeholder } from './placeholders';
import { matchTerm } from './text-signals';

/**
 * The Chaos Mesh kind (chaos-mesh.org/v1alpha1) that reproduces each symptom. The catalog lists the
 * kinds FIS accepts per API version; this table only says which of them fits which failure.
 * AWSChaos (faults in AWS resources, not in the cluster) fits no finding FIS cannot already
 * reproduce with its own actions, so it is never chosen.
 */
const CHAOS_MESH_KIND_BY_SYMPTOM: Readonly<Record<string, string>> = {
  'dns-failure': 'DNSChaos',
  'clock-skew': 'TimeChaos',
  latency: 'NetworkChaos',
  'packet-loss': 'NetworkChaos',
  'port-blocked': 'NetworkChaos',
  'connectivity-loss': 'NetworkChaos',
  cpu: 'StressChaos',
  memory: 'StressChaos',
  'disk-io': 'IOChaos',
  'io-stall': 'IOChaos',
  'process-crash': 'PodChaos',
  'replica-loss': 'PodChaos',
  'http-errors': 'HTTPChaos',
};

/**
 * The custom resource an action such as aws:eks:inject-kubernetes-custom-resource should create for
 * this finding: Litmus's ChaosEngine when the finding names Litmus (and not Chaos Mesh), otherwise
 * the Chaos Mesh kind that matches the failure mode's symptom or, failing that, the finding's
 * strongest symptom that has one. A placeholder when nothing in the finding says which kind. Presets
 * win; actions without these parameters are returned as given.
 */
export function chaosResourceParameters(
  action: CatalogAction,
  analysis: FindingAnalysis,
  presets: Readonly<Record<string, string>> | undefined,
  symptomId: string | undefined,
  symptoms: readonly SignalDefinition[],
): { parameters: Record<string, string> | undefined; note?: string } {
  const version = action.parameters.find((p) => p.name === 'kubernetesApiVersion');
  const kind = action.parameters.find((p) => p.name === 'kubernetesKind');
  if (!version?.allowed || !kind || presets?.kubernetesKind !== undefined) {
    return { parameters: presets && { ...presets } };
  }
  const chaosMesh = version.allowed.find((v) => v.startsWith('chaos-mesh'));
  const litmus = version.allowed.find((v) => v.startsWith('litmuschaos'));
  const kindsOf = (apiVersion: string) => kind.allowedByOtherValue?.[apiVersion] ?? kind.allowed ?? [];
  const namesLitmus = matchTerm(analysis.text, 'litmus*');
  const namesChaosMesh = matchTerm(analysis.text, 'chaos mesh') || matchTerm(analysis.text, 'chaosmesh');
  if (litmus && namesLitmus && !namesChaosMesh && kindsOf(litmus).length === 1) {
    const only = kindsOf(litmus)[0] as string;
    return {
      parameters: { ...presets, kubernetesApiVersion: litmus, kubernetesKind: only },
      note: `The finding names Litmus: the custom resource is a Litmus ${only} (${litmus}).`,
    };
  }
  const apiVersion = presets?.kubernetesApiVersion ?? chaosMesh;
  if (!apiVersion) return { parameters: presets && { ...presets } };
  const ranked = [
    ...(symptomId ? [symptomId] : []),
    ...[...analysis.symptoms].sort((a, b) => b[1].score - a[1].score).map(([id]) => id),
  ];
  const symptom = ranked.find((id) => {
    const candidate = CHAOS_MESH_KIND_BY_SYMPTOM[id];
    return candidate !== undefined && kindsOf(apiVersion).includes(candidate);
  });
  if (symptom === undefined) {
    return {
      parameters: {
        ...presets,
        kubernetesApiVersion: apiVersion,
        kubernetesKind: placeholder('chaos mesh kind'),
      },
      note: 'Nothing in the finding says which kind of chaos resource to create: choose the kubernetesKind (e.g. NetworkChaos, StressChaos, PodChaos).',
    };
  }
  const chosen = CHAOS_MESH_KIND_BY_SYMPTOM[symptom] as string;
  const label = symptoms.find((s) => s.id === symptom)?.label ?? symptom;
  return {
    parameters: { ...presets, kubernetesApiVersion: apiVersion, kubernetesKind: chosen },
    note: `A Chaos Mesh ${chosen} resource reproduces ${label}.`,
  };
}
