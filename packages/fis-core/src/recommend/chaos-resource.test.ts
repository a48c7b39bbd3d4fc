import { describe, expect, it } from 'vitest';
import { recommend } from './recommend';

function customResource(summary: string) {
  return recommend({ summary }, { limit: 10 }).recommendations.find(
    (r) => r.actionId === 'aws:eks:inject-kubernetes-custom-resource',
  );
}

describe('recommend: the Kubernetes custom resource that fits the finding', () => {
  it.each([
    ['We run Chaos Mesh in the EKS cluster; pods had clock skew and token validation failed.', 'TimeChaos'],
    [
      'We run Chaos Mesh on EKS: reproduce the 300 ms latency between checkout pods and redis.',
      'NetworkChaos',
    ],
    [
      'Chaos Mesh is installed in our Kubernetes cluster; reproduce the CPU saturation of the search pods.',
      'StressChaos',
    ],
  ])('%s → %s, never AWSChaos', (summary, kind) => {
    expect(customResource(summary)?.parameters).toMatchObject({
      kubernetesApiVersion: 'chaos-mesh.org/v1alpha1',
      kubernetesKind: kind,
    });
  });

  it('creates a Litmus ChaosEngine when the finding names Litmus', () => {
    expect(
      customResource(
        'We use Litmus in our Kubernetes cluster and want a chaos custom resource for pod latency.',
      )?.parameters,
    ).toMatchObject({ kubernetesApiVersion: 'litmuschaos.io/v1alpha1', kubernetesKind: 'ChaosEngine' });
  });

  it('leaves the kind to the user, with a placeholder, when the finding says nothing of the fault', () => {
    const recommendation = customResource('We want to try Chaos Mesh custom resources on our EKS cluster.');
    expect(recommendation?.parameters.kubernetesKind).toBe('<YOUR CHAOS MESH KIND>');
    expect(recommendation?.placeholders).toContain('<YOUR CHAOS MESH KIND>');
  });
});
