import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateTemplate } from './validate-template';

const dir = fileURLToPath(new URL('../../../../../shared/reference/fis-template-library', import.meta.url));

function templateFiles(): string[] {
  if (!existsSync(dir)) return [];
  const files: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const folder = join(dir, entry);
    if (!statSync(folder).isDirectory()) continue;
    for (const file of readdirSync(folder))
      if (file.endsWith('template.json')) files.push(join(folder, file));
  }
  return files;
}

/** Plausible values for AWS's placeholders, chosen by what the placeholder names. */
function fill(text: string): string {
  return text.replace(/<[^<>"]+>|\{\{[^{}]+\}\}/g, (placeholder) => {
    const name = placeholder.toUpperCase();
    if (name.includes('ACCOUNT')) return '123456789012';
    if (name.includes('REGION')) return 'us-east-1';
    if (name.includes('AVAILABILITY ZONE') || name.includes(' AZ')) return 'us-east-1a';
    if (name.includes('ROLE')) return 'FisExperimentRole';
    return placeholder
      .slice(1, -1)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  });
}

/** Every placeholder-looking piece of text in the string values of a JSON document. */
function placeholderTexts(document: unknown, found: string[] = []): string[] {
  if (typeof document === 'string') found.push(...(document.match(/<[^<>]+>|\{\{[^{}]+\}\}/g) ?? []));
  else if (Array.isArray(document)) for (const item of document) placeholderTexts(item, found);
  else if (document && typeof document === 'object')
    for (const value of Object.values(document)) placeholderTexts(value, found);
  return found;
}

/**
 * Where AWS's published template is itself wrong, with the rule or fact that says so. Everything
 * else in the library must validate once its placeholders are filled in.
 */
const KNOWN_DISAGREEMENTS: Record<string, Array<{ code: string; path: string; why: string }>> = {
  'mysql-rds-loadtest-failover-template.json': [
    {
      code: 'UNKNOWN_FIELD',
      path: '/actions/StopLoadTest/startAfterDelay',
      why:
        'The CreateExperimentTemplate Action shape (catalog templateShape.api.fields.Action) has only actionId, description, ' +
        'parameters, targets and startAfter. The AWS CLI rejects the unknown member; SDKs that drop it silently lose the ' +
        'intended 5-minute delay. Put an aws:fis:wait action (duration PT5M) between ForceFailover and StopLoadTest instead.',
    },
  ],
};

const files = templateFiles();

describe('AWS FIS template library', () => {
  it.runIf(existsSync(dir))('has templates to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  describe.runIf(existsSync(dir))('as published (unfilled)', () => {
    it.each(files.map((f) => [f.split('/').pop()!, f]))(
      '%s: reports every placeholder, without cascades',
      (name, file) => {
        const text = readFileSync(file, 'utf8');
        const result = validateTemplate(text);
        const expected = placeholderTexts(JSON.parse(text));
        expect(expected.length).toBeGreaterThan(0);
        expect(result.placeholders.map((p) => p.text).sort()).toEqual(expected.sort());
        expect(result.warnings.filter((w) => w.code === 'PLACEHOLDER').length).toBeGreaterThan(0);
        const placeholderPaths = new Set(result.placeholders.map((p) => p.path));
        expect(result.errors.filter((e) => placeholderPaths.has(e.path))).toEqual([]);
        const known = (KNOWN_DISAGREEMENTS[name] ?? []).map((d) => `${d.code} ${d.path}`);
        expect(result.errors.map((e) => `${e.code} ${e.path}`)).toEqual(known);
      },
    );
  });

  describe.runIf(existsSync(dir))('with placeholders filled in', () => {
    it.each(files.map((f) => [f.split('/').pop()!, f]))(
      '%s: is valid, or wrong for a documented reason',
      (name, file) => {
        const result = validateTemplate(fill(readFileSync(file, 'utf8')), { region: 'us-east-1' });
        expect(result.placeholders).toEqual([]);
        const known = KNOWN_DISAGREEMENTS[name] ?? [];
        expect(result.errors.map((e) => `${e.code} ${e.path}`)).toEqual(
          known.map((d) => `${d.code} ${d.path}`),
        );
        expect(result.valid).toBe(known.length === 0);
      },
    );
  });
});
