import { z } from 'zod';
import { ScenarioSchema } from './schema';

/** Where the published JSON Schema lives, relative to the package root. */
export const SCENARIO_JSON_SCHEMA_FILE = 'scenario.schema.json';

/**
 * The JSON Schema of a scenario file as written (defaults optional), for editors: point
 * `# yaml-language-server: $schema=…/scenario.schema.json` at the published file.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ScenarioSchema, { io: 'input', target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
  return {
    $schema: schema.$schema,
    $id: 'https://faultline.dev/schemas/scenario.schema.json',
    title: 'Faultline chaos scenario',
    ...schema,
  };
}

/** The JSON Schema as the text of the published file. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
