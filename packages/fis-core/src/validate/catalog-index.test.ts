import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../catalog/bundled-catalog';
import { Catalog } from '../catalog/catalog';
import { catalogIndex } from './catalog-index';

describe('catalogIndex', () => {
  it('is built once per catalog object', () => {
    const catalog = bundledCatalog();
    expect(catalogIndex(catalog)).toBe(catalogIndex(catalog));
    const copy = new Catalog(catalog.data, catalog.source);
    expect(catalogIndex(copy)).not.toBe(catalogIndex(catalog));
  });

  it('reads duration parameters, undocumented parameters and SSM documents from the catalog', () => {
    const index = catalogIndex(bundledCatalog());
    expect(index.durationParameter.get('aws:ec2:stop-instances')).toBe('startInstancesAfterDuration');
    expect(index.durationParameter.get('aws:ssm:start-automation-execution')).toBe('maxDuration');
    expect(index.durationParameter.has('aws:ec2:terminate-instances')).toBe(false);
    expect([
      ...(index.undocumentedParameters.get('aws:kinesis:stream-expired-iterator-exception') ?? []),
    ]).toEqual(['service']);
    expect([
      ...(index.undocumentedParameters.get('aws:memorydb:multi-region-cluster-pause-replication') ?? []),
    ]).toEqual(['region']);
    expect(index.ssmDocuments.get('AWSFIS-Run-Memory-Stress')?.required).toEqual([
      'DurationSeconds',
      'Percent',
    ]);
    expect(index.limits).toMatchObject({
      actionsPerTemplate: 20,
      maxActionSeconds: 43_200,
      parallelActions: 10,
    });
  });

  it('compiles every ARN pattern of the catalog', () => {
    const index = catalogIndex(bundledCatalog());
    const withPattern = bundledCatalog().resourceTypes.filter((t) => t.arnPattern);
    expect(index.arnPatterns.size).toBe(withPattern.length);
  });
});
