import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../catalog/bundled-catalog';
import { catalogCacheEnvelopeSchema, catalogDataSchema, formatSchemaIssues } from './catalog-schema';

describe('catalogDataSchema', () => {
  it('accepts the bundled catalog unchanged', () => {
    const data = bundledCatalog().data;
    const parsed = catalogDataSchema.parse(data);
    expect(parsed).toEqual(data);
  });

  it('names the bad field', () => {
    const data = structuredClone(bundledCatalog().data) as unknown as {
      actions: { parameters: { type: string }[] }[];
    };
    const firstWithParameters = data.actions.findIndex((a) => a.parameters.length > 0);
    (data.actions[firstWithParameters]?.parameters[0] as { type: string }).type = 'float';
    const result = catalogDataSchema.safeParse(data);
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(formatSchemaIssues(result.error).map((i) => i.path)).toEqual([
        `actions[${firstWithParameters}].parameters[0].type`,
      ]);
    }
  });

  it('keeps unknown keys, so fields added to the catalog later survive a cache round trip', () => {
    const parsed = catalogDataSchema.parse({ ...bundledCatalog().data, addedLater: true });
    expect(parsed).toHaveProperty('addedLater', true);
  });
});

describe('catalogCacheEnvelopeSchema', () => {
  const envelope = {
    formatVersion: 1,
    region: 'us-east-1',
    source: 'aws',
    fetchedAt: '2026-11-23T09:00:00.000Z',
    data: bundledCatalog().data,
  };

  it('accepts a well-formed envelope', () => {
    expect(catalogCacheEnvelopeSchema.safeParse(envelope).success).toBe(true);
  });

  it.each([
    ['formatVersion', { formatVersion: 2 }],
    ['source', { source: 'bundled' }],
    ['fetchedAt', { fetchedAt: 'yesterday' }],
    ['data', { data: { actions: [] } }],
  ])('refuses a bad %s', (field, patch) => {
    const result = catalogCacheEnvelopeSchema.safeParse({ ...envelope, ...patch });
    expect(result.success).toBe(false);
    if (!result.success) expect(formatSchemaIssues(result.error)[0]?.path.startsWith(field)).toBe(true);
  });
});
