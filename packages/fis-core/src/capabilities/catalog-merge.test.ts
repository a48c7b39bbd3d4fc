import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../catalog/bundled-catalog';
import { LIVE_ONLY_CONFIDENCE, mergeLiveCatalog } from './catalog-merge';
import { catalogDataSchema } from './catalog-schema';

const base = bundledCatalog().data;
const fetchedAt = '2026-11-24T10:00:00.000Z';

describe('mergeLiveCatalog', () => {
  it('keeps only the actions the live source lists, with the bundled types and ranges', () => {
    const merged = mergeLiveCatalog(
      {
        actions: [
          {
            id: 'aws:fis:wait',
            targets: {},
            parameters: { duration: { description: 'The duration.', required: true } },
          },
        ],
      },
      base,
      fetchedAt,
    );
    expect(merged.actions.map((a) => a.id)).toEqual(['aws:fis:wait']);
    const duration = merged.actions[0]?.parameters[0];
    expect(duration).toMatchObject({
      name: 'duration',
      type: 'ISO8601-duration',
      minSeconds: 60,
      maxSeconds: 43200,
    });
    expect(merged.compiledOn).toBe('2026-11-24');
    expect(merged.templateRules).toBe(base.templateRules);
    expect(merged.quotas).toBe(base.quotas);
    expect(catalogDataSchema.safeParse(merged).success).toBe(true);
  });

  it('takes parameter names, required flags and targets from the live source', () => {
    const merged = mergeLiveCatalog(
      {
        actions: [
          {
            id: 'aws:ec2:stop-instances',
            targets: { Instances: 'aws:ec2:instance' },
            // completeIfInstancesTerminated is gone, a new parameter appeared, and the restart became required.
            parameters: {
              startInstancesAfterDuration: { description: 'x', required: true },
              hibernate: { description: 'Hibernate instead of stopping.', required: false },
            },
          },
        ],
      },
      base,
      fetchedAt,
    );
    const action = merged.actions[0];
    expect(action?.parameters.map((p) => [p.name, p.type, p.required])).toEqual([
      ['startInstancesAfterDuration', 'ISO8601-duration', true],
      ['hibernate', 'string', false],
    ]);
    expect(action?.notes.join('\n')).toMatch(/no longer reports parameter 'completeIfInstancesTerminated'/);
    expect(action?.notes.join('\n')).toMatch(
      /Parameter 'hibernate' is reported by AWS but not in the bundled catalog/,
    );
    // What the API does not give is kept.
    expect(action?.permissions.map((p) => p.action)).toContain('ec2:StopInstances');
    expect(action?.durationParameter).toBe('startInstancesAfterDuration');
  });

  it('keeps the bundled parameters when the live source does not list them (ListActions output)', () => {
    const merged = mergeLiveCatalog(
      { actions: [{ id: 'aws:ec2:stop-instances', targets: { Instances: 'aws:ec2:instance' } }] },
      base,
      fetchedAt,
    );
    const bundled = base.actions.find((a) => a.id === 'aws:ec2:stop-instances');
    expect(merged.actions[0]?.parameters).toEqual(bundled?.parameters);
  });

  it('keeps "conditional" when AWS says a parameter is optional', () => {
    const withConditional = base.actions.find((a) => a.parameters.some((p) => p.required === 'conditional'));
    expect(withConditional).toBeDefined();
    if (!withConditional) return;
    const parameters = Object.fromEntries(
      withConditional.parameters.map((p) => [p.name, { required: false }]),
    );
    const merged = mergeLiveCatalog({ actions: [{ id: withConditional.id, parameters }] }, base, fetchedAt);
    expect(merged.actions[0]?.parameters.map((p) => p.required)).toEqual(
      withConditional.parameters.map((p) => (p.required === 'conditional' ? 'conditional' : false)),
    );
  });

  it('adds an action unknown to the bundled catalog with string parameters and a note', () => {
    const merged = mergeLiveCatalog(
      {
        actions: [
          {
            id: 'aws:example:new-action',
            description: 'New.',
            targets: { Things: 'aws:example:thing' },
            parameters: { level: { description: 'How much.', required: true } },
          },
        ],
        resourceTypes: [{ resourceType: 'aws:example:thing', description: 'Things.' }],
      },
      base,
      fetchedAt,
    );
    expect(merged.actions[0]).toMatchObject({
      id: 'aws:example:new-action',
      service: 'example',
      description: 'New.',
      targets: { Things: 'aws:example:thing' },
      parameters: [{ name: 'level', description: 'How much.', type: 'string', required: true }],
      permissions: [],
      confidence: LIVE_ONLY_CONFIDENCE,
    });
    expect(merged.actions[0]?.notes[0]).toMatch(/Not in the bundled catalog/);
    expect(merged.resourceTypes).toEqual([
      expect.objectContaining({
        type: 'aws:example:thing',
        targetKeys: ['Things'],
        usedBy: ['aws:example:new-action'],
        confidence: LIVE_ONLY_CONFIDENCE,
      }),
    ]);
    expect(catalogDataSchema.safeParse(merged).success).toBe(true);
  });

  it('keeps the bundled resource types when the live source gives none, and recomputes usedBy', () => {
    const merged = mergeLiveCatalog(
      { actions: [{ id: 'aws:ec2:reboot-instances', targets: { Instances: 'aws:ec2:instance' } }] },
      base,
      fetchedAt,
    );
    expect(merged.resourceTypes.map((r) => r.type)).toEqual(base.resourceTypes.map((r) => r.type));
    expect(merged.resourceTypes.find((r) => r.type === 'aws:ec2:instance')?.usedBy).toEqual([
      'aws:ec2:reboot-instances',
    ]);
  });

  it('ignores duplicate ids', () => {
    const merged = mergeLiveCatalog(
      { actions: [{ id: 'aws:fis:wait' }, { id: 'aws:fis:wait' }] },
      base,
      fetchedAt,
    );
    expect(merged.actions).toHaveLength(1);
  });
});
