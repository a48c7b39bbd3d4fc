import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../catalog/bundled-catalog';
import { parseIsoDuration } from '../duration';
import { FisCoreError } from '../errors';
import { FAILURE_MODES } from './knowledge/failure-modes';
import { recommend } from './recommend';
import { RecommendationSchema } from './recommendation';

const here = dirname(fileURLToPath(import.meta.url));
const labelled = (name: string) =>
  JSON.parse(readFileSync(join(here, '../../bench/findings', `${name}.json`), 'utf8')) as Array<{
    id: string;
    finding: Record<string, unknown>;
    expected: string[];
  }>;

describe('recommend', () => {
  it('recommends an Aurora failover for a writer failover incident, with ARNs as the target', () => {
    // Prepare
    const finding = {
      id: 'inc-7',
      summary: 'Aurora writer failed over at 02:13; the orders API returned 500s for 45 seconds',
      resources: ['arn:aws:rds:us-east-1:123456789012:cluster:orders'],
    };
    // Act
    const result = recommend(finding);
    // Assess
    const [top] = result.recommendations;
    expect(top?.actionId).toBe('aws:rds:failover-db-cluster');
    expect(top?.target).toEqual({
      key: 'Clusters',
      resourceType: 'aws:rds:cluster',
      selectionMode: 'ALL',
      resourceArns: ['arn:aws:rds:us-east-1:123456789012:cluster:orders'],
    });
    expect(top?.rationale.join(' ')).toMatch(/aurora/i);
    expect(top?.permissions).toContain('rds:FailoverDBCluster');
    expect(top?.findingId).toBe('inc-7');
  });

  it('accepts the Python server’s minimal finding and keeps its output fields', () => {
    const result = recommend({
      id: 'finding-001',
      summary: 'CPU utilization reached 95% causing service degradation',
    });
    const [top] = result.recommendations;
    expect(top).toMatchObject({ action: top?.actionId, findingId: 'finding-001' });
    expect(top?.actionId).toBe('aws:ssm:send-command');
    expect(top?.parameters.documentArn).toMatch(/AWSFIS-Run-CPU-Stress$/);
    expect(result.count).toBe(result.recommendations.length);
  });

  it('gives stable ids: the same finding yields the same recommendation ids', () => {
    const finding = { summary: 'pods OOMKilled during the sale', type: 'K8S' };
    expect(recommend(finding).recommendations.map((r) => r.id)).toEqual(
      recommend({ ...finding }).recommendations.map((r) => r.id),
    );
  });

  it('fills the Region of document ARNs from the finding', () => {
    const result = recommend({
      summary:
        'host ran out of memory, java heap exhausted on arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc',
    });
    expect(result.recommendations[0]?.parameters.documentArn).toBe(
      'arn:aws:ssm:eu-west-1::document/AWSFIS-Run-Memory-Stress',
    );
  });

  it('returns nothing, not noise, for text with no failure in it', () => {
    expect(recommend({ summary: 'lorem ipsum dolor sit amet' }).count).toBe(0);
  });

  it('refuses a non-finding with an error that names the field', () => {
    expect(() => recommend({ id: 'x' } as never)).toThrow(FisCoreError);
    expect(() => recommend({ summary: 7 } as never)).toThrow(/finding\.summary/);
  });

  it('only produces recommendations that match their schema, with parameters within the catalog limits', () => {
    const catalog = bundledCatalog();
    for (const item of [...labelled('dev'), ...labelled('holdout')]) {
      for (const recommendation of recommend(item.finding).recommendations) {
        expect(RecommendationSchema.safeParse(recommendation).success).toBe(true);
        const action = catalog.action(recommendation.actionId);
        expect(action).toBeDefined();
        for (const parameter of action?.parameters ?? []) {
          const value = recommendation.parameters[parameter.name];
          if (parameter.required === true)
            expect(value, `${recommendation.actionId}.${parameter.name}`).toBeDefined();
          if (value === undefined || value.startsWith('<YOUR')) continue;
          if (parameter.type === 'ISO8601-duration') {
            const seconds = parseIsoDuration(value) as number;
            expect(seconds).toBeGreaterThanOrEqual(parameter.minSeconds ?? 0);
            expect(seconds).toBeLessThanOrEqual(parameter.maxSeconds ?? 43_200);
          }
          if (parameter.allowed && parameter.type === 'enum') expect(parameter.allowed).toContain(value);
          if (parameter.type === 'integer-string') {
            expect(Number(value)).toBeGreaterThanOrEqual(parameter.min ?? Number.NEGATIVE_INFINITY);
            expect(Number(value)).toBeLessThanOrEqual(parameter.max ?? Number.POSITIVE_INFINITY);
          }
        }
      }
    }
  });

  it.each([
    [
      'DNS resolution failures: pods could not resolve the RDS endpoint hostname (NXDOMAIN / SERVFAIL from CoreDNS) for 4 minutes.',
      'aws:eks:pod-network-blackhole-port',
      { port: '53', protocol: 'udp', trafficType: 'egress' },
    ],
    [
      'ECS tasks of the payments service logged getaddrinfo EAI_AGAIN for the Stripe API hostname for 3 minutes.',
      'aws:ecs:task-network-blackhole-port',
      { port: '53', protocol: 'udp', trafficType: 'egress' },
    ],
    [
      'Java service on EC2 threw UnknownHostException for the internal config endpoint.',
      'aws:ssm:send-command',
      { documentParameters: expect.stringContaining('"Protocol":"udp","Port":"53"') },
    ],
    [
      'CoreDNS returned SERVFAIL for lookups; we run Chaos Mesh in the Kubernetes cluster, can we reproduce DNS errors with it?',
      'aws:eks:inject-kubernetes-custom-resource',
      { kubernetesKind: 'DNSChaos' },
    ],
  ])('blocks DNS (UDP 53), not HTTPS, for a DNS failure: %s', (summary, actionId, parameters) => {
    const [top] = recommend({ summary }).recommendations;
    expect(top?.actionId).toBe(actionId);
    expect(top?.parameters).toMatchObject(parameters);
  });

  it('describes the blast radius of a pod target by its selector, not as resources tagged {}', () => {
    const { recommendations } = recommend({
      summary: 'Checkout pods in EKS went into CrashLoopBackOff after a node was drained.',
    });
    const pod = recommendations.find((r) => r.target?.resourceType === 'aws:eks:pod');
    expect(pod?.blastRadius[0]).toMatch(
      /^Selection COUNT\(1\) of resources matching clusterIdentifier=.*namespace=/,
    );
    expect(pod?.blastRadius.join(' ')).not.toContain('tagged {}');
  });
});

describe('the knowledge base', () => {
  it('reaches every current catalog action from at least one failure mode', () => {
    const reachable = new Set(FAILURE_MODES.flatMap((m) => m.actions.map((a) => a.actionId)));
    const missing = bundledCatalog()
      .actions.filter((a) => !a.deprecated && !reachable.has(a.id))
      .map((a) => a.id);
    expect(missing).toEqual([]);
  });

  it('names only actions that exist', () => {
    for (const mode of FAILURE_MODES) {
      for (const action of mode.actions)
        expect(bundledCatalog().action(action.actionId), action.actionId).toBeDefined();
    }
  });
});

describe('recommendation quality (floor; bench:quality prints the figures)', () => {
  it.each(['dev', 'holdout'])(
    'puts an expected action in the top three for at least 90%% of the %s set',
    (name) => {
      const items = labelled(name);
      const hits = items.filter((item) =>
        recommend(item.finding)
          .recommendations.slice(0, 3)
          .some((r) => item.expected.includes(r.actionId)),
      ).length;
      expect(hits / items.length).toBeGreaterThanOrEqual(0.9);
    },
  );
});
