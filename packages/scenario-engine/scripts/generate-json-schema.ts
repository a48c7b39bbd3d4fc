// Writes scenario.schema.json from the zod schema. Run: pnpm --filter @faultline/scenario-engine generate:schema
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SCENARIO_JSON_SCHEMA_FILE, scenarioJsonSchemaText } from '../src/scenario/json-schema';

const target = fileURLToPath(new URL(`../${SCENARIO_JSON_SCHEMA_FILE}`, import.meta.url));
writeFileSync(target, scenarioJsonSchemaText());
console.log(`wrote ${target}`);
