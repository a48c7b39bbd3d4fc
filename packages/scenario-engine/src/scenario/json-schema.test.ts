import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { SCENARIO_JSON_SCHEMA_FILE, scenarioJsonSchema, scenarioJsonSchemaText } from './json-schema';

const published = readFileSync(new URL(`../../${SCENARIO_JSON_SCHEMA_FILE}`, import.meta.url), 'utf8');

describe('the published JSON Schema', () => {
  it('is up to date with the zod schema (run generate:schema if this fails)', () => {
    expect(JSON.parse(published)).toEqual(JSON.parse(scenarioJsonSchemaText()));
  });

  it('compiles and accepts a minimal scenario and rejects an unknown section', () => {
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(scenarioJsonSchema());
    const minimal = {
      meta: { id: 'x', title: 'X' },
      steady_state: { probes: [{ name: 'p', type: 'tcp', port: 80 }] },
    };
    expect(validate(minimal)).toBe(true);
    expect(validate({ ...minimal, extra: 1 })).toBe(false);
  });
});
