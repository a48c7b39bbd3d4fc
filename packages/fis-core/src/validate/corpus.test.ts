import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { judge, loadCorpus } from './corpus';
import { validateTemplate } from './validate-template';

const root = fileURLToPath(new URL('../../corpus/templates', import.meta.url));
const cases = loadCorpus(root);

describe('template corpus', () => {
  it('has enough cases of each kind', () => {
    expect(cases.filter((c) => c.name.startsWith('valid/')).length).toBeGreaterThanOrEqual(15);
    expect(cases.filter((c) => c.name.startsWith('invalid/')).length).toBeGreaterThanOrEqual(30);
  });

  it('breaks each invalid file in exactly one known way', () => {
    for (const c of cases.filter((x) => x.name.startsWith('invalid/'))) {
      expect(c.expectation.errors, c.name).toHaveLength(1);
    }
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s matches its expectation', (_, c) => {
    const result = validateTemplate(c.text);
    expect(judge(result, c.expectation)).toEqual([]);
  });
});
