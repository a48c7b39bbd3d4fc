import { describe, expect, it } from 'vitest';
import { bindingsFromEnv, coerceOverride, substitute, substituteDeep } from './bindings';

describe('substitute', () => {
  it('replaces references inside text and keeps the type of a whole reference', () => {
    expect(substitute('http://h:${port}/mcp', { port: 80 }).value).toBe('http://h:80/mcp');
    expect(substitute('${port}', { port: 80 }).value).toBe(80);
  });

  it('reports missing names, leaves late bindings and honours $${escape}', () => {
    expect(substitute('${nope} ${run_dir} $${lit}', {})).toEqual({
      value: '${nope} ${run_dir} ${lit}',
      missing: ['nope'],
    });
  });

  it('substitutes deeply for late bindings', () => {
    expect(substituteDeep({ a: ['${run_id}'], b: 1 }, { run_id: 'r1' })).toEqual({ a: ['r1'], b: 1 });
  });
});

describe('overrides', () => {
  it('reads FAULTLINE_BINDING_<NAME> and coerces to the file type', () => {
    expect(
      bindingsFromEnv(['port', 'host'], { FAULTLINE_BINDING_PORT: '81', FAULTLINE_BINDING_host: 'x' }),
    ).toEqual({
      port: '81',
      host: 'x',
    });
    expect(coerceOverride('81', 80)).toBe(81);
    expect(coerceOverride('true', false)).toBe(true);
    expect(coerceOverride('abc', 80)).toBe('abc');
  });
});
