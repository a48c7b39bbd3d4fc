// The template corpus (packages/fis-core/corpus/templates) and how a result is judged against it.
// Used by corpus.test.ts and bench/validate.ts; not part of the public API.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ValidationResult } from './types';

/** What a corpus file is expected to produce. */
export interface CorpusExpectation {
  valid: boolean;
  /** Exactly these errors, compared on code and path (order aside). */
  errors?: Array<{ code: string; path: string }>;
  /** When given, exactly these warning codes (order aside). */
  warnings?: string[];
}

/** One corpus file with its expectation. */
export interface CorpusCase {
  /** `valid/…` or `invalid/…`. */
  name: string;
  text: string;
  expectation: CorpusExpectation;
}

/** Reads every file under `valid/` and `invalid/` with its entry in `expectations.json`. */
export function loadCorpus(root: string): CorpusCase[] {
  const expectations = JSON.parse(readFileSync(join(root, 'expectations.json'), 'utf8')) as Record<
    string,
    CorpusExpectation
  >;
  const cases: CorpusCase[] = [];
  for (const folder of ['valid', 'invalid']) {
    for (const file of readdirSync(join(root, folder)).sort()) {
      const expectation = expectations[file];
      if (!expectation) throw new Error(`corpus: ${folder}/${file} has no entry in expectations.json`);
      cases.push({
        name: `${folder}/${file}`,
        text: readFileSync(join(root, folder, file), 'utf8'),
        expectation,
      });
    }
  }
  return cases;
}

function sorted(items: string[]): string[] {
  return [...items].sort();
}

/** Why a result does not match its expectation; empty when it is judged right. */
export function judge(result: ValidationResult, expectation: CorpusExpectation): string[] {
  const problems: string[] = [];
  if (result.valid !== expectation.valid)
    problems.push(`valid is ${result.valid}, expected ${expectation.valid}`);
  const got = sorted(result.errors.map((e) => `${e.code} ${e.path}`));
  const want = sorted((expectation.errors ?? []).map((e) => `${e.code} ${e.path}`));
  if (got.join('\n') !== want.join('\n'))
    problems.push(`errors are [${got.join(', ')}], expected [${want.join(', ')}]`);
  if (expectation.warnings) {
    const gotWarnings = sorted(result.warnings.map((w) => w.code));
    const wantWarnings = sorted(expectation.warnings);
    if (gotWarnings.join() !== wantWarnings.join()) {
      problems.push(`warnings are [${gotWarnings.join(', ')}], expected [${wantWarnings.join(', ')}]`);
    }
  }
  return problems;
}
