import { FisCoreError, type RecommendationResult, recommend } from '@faultline/fis-core';
import { type CommandSpec, integerOption } from '../args';
import type { CommandContext } from '../context';
import { ExitCode, UsageError } from '../errors';
import { inputName, parseJsonInput, readInput } from '../io';
import { table, truncate } from '../style';

export const recommendCommand: CommandSpec = {
  name: 'recommend',
  summary: 'Rank the FIS experiments that would test the failure a finding describes',
  positionals: [
    {
      name: 'FINDING',
      required: false,
      help: 'a finding as JSON (a file, or - for stdin; an array of findings works too), or plain text describing the failure',
    },
  ],
  options: [
    {
      name: 'summary',
      value: 'TEXT',
      help: 'Describe the failure in words instead of giving a file, e.g. "Aurora failover took 90 s"',
    },
    { name: 'limit', short: 'n', value: 'N', help: 'Recommendations per finding, 1 to 20 (default 5)' },
    {
      name: 'region',
      value: 'REGION',
      help: "Region used in SSM document ARNs (default: the finding's ARNs')",
    },
  ],
  notes: [
    'A finding is the Faultline Finding, the minimal {id, summary, type}, or an AWS DevOps Agent finding.',
    'Input that is not JSON (an incident write-up, a ticket pasted on stdin) is read as the summary of one finding.',
    'Save --json output and pass it to "faultline template --recommendation FILE".',
  ],
};

function explain(error: unknown, source: string): never {
  if (FisCoreError.isInstance(error))
    throw new UsageError(`${inputName(source)}: ${error.message}`, 'recommend');
  throw error;
}

function printResult(
  ctx: CommandContext,
  finding: Record<string, unknown>,
  result: RecommendationResult,
): void {
  const { out } = ctx;
  const heading = String(finding.title ?? finding.summary ?? '');
  ctx.print(`${out.bold(`Finding ${result.findingId}`)}${heading ? `: ${truncate(heading, 100)}` : ''}`);
  if (result.recommendations.length === 0) {
    ctx.print(out.yellow('  No FIS experiment matches this finding. Add words on where and what failed.'));
    return;
  }
  const rows = result.recommendations.map((r) => {
    const why = r.rationale.find((line) => line.includes('reproduces')) ?? r.rationale[0] ?? '';
    return [String(r.rank), out.cyan(r.actionId), r.score.toFixed(2), why.replace(`${r.actionId} `, '')];
  });
  ctx.print(table(['#', 'FIS action', 'score', 'why'], rows, out, [3, 60, 5, 90]));
  const [top] = result.recommendations;
  if (top?.target) {
    const selection = top.target.resourceArns?.length
      ? `${top.target.resourceArns.length} ARN(s) from the finding`
      : `tags ${Object.entries(top.target.resourceTags ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')}`;
    ctx.print(out.dim(`  top target: ${top.target.resourceType}, ${top.target.selectionMode}, ${selection}`));
  }
}

/** Largest plain-text summary kept (the Finding contract's limit). */
const MAX_SUMMARY = 20_000;

/** A finding from plain text: its summary, cut at the contract's limit. */
function textFinding(ctx: CommandContext, text: string, source: string): Record<string, unknown> {
  const summary = text.trim();
  if (summary === '') throw new UsageError(`${inputName(source)}: the text is empty`, 'recommend');
  if (summary.length > MAX_SUMMARY && !ctx.options.quiet) {
    ctx.note(ctx.err.dim(`${inputName(source)}: only the first ${MAX_SUMMARY} characters are used`));
  }
  return { summary: summary.slice(0, MAX_SUMMARY) };
}

/** The findings to rank: JSON (an object or an array), or plain text read as one finding's summary. */
async function readFindingInput(
  ctx: CommandContext,
  source: string,
  summary: string | undefined,
): Promise<unknown> {
  if (summary !== undefined) return textFinding(ctx, summary, source);
  const text = await readInput(ctx.io, source, 'finding', 'recommend');
  // JSON starts with { or [ (after a byte-order mark or blanks); anything else is a write-up
  if (/^\uFEFF?\s*[[{]/.test(text)) return parseJsonInput(text.replace(/^\uFEFF/, ''), source, 'recommend');
  if (!ctx.options.quiet)
    ctx.note(ctx.err.dim(`${inputName(source)} is not JSON: read as the summary of one finding`));
  return textFinding(ctx, text, source);
}

/** `faultline recommend FINDING`: ranked FIS experiments for each finding in the input. */
export async function runRecommend(ctx: CommandContext): Promise<number> {
  const summary = ctx.string('summary');
  const given = ctx.positionals[0];
  if (given !== undefined && summary !== undefined) {
    throw new UsageError('give a FINDING file or --summary, not both', 'recommend');
  }
  if (given === undefined && summary === undefined) {
    throw new UsageError(
      'missing FINDING: a finding file (or - for stdin), or --summary "what failed"',
      'recommend',
    );
  }
  const source = given ?? '--summary';
  const limit = integerOption(ctx.options, 'limit', { min: 1, max: 20, command: 'recommend' });
  const region = ctx.string('region');
  const input = await readFindingInput(ctx, source, summary);
  const findings = Array.isArray(input) ? input : [input];
  if (findings.length === 0)
    throw new UsageError(`${inputName(source)}: the array holds no finding`, 'recommend');
  const results = findings.map((finding, index) => {
    if (finding === null || typeof finding !== 'object' || Array.isArray(finding)) {
      const where = Array.isArray(input) ? `${inputName(source)}[${index}]` : inputName(source);
      throw new UsageError(
        `${where}: expected a finding object such as {"id": "...", "summary": "..."}, got ${finding === null ? 'null' : Array.isArray(finding) ? 'an array' : typeof finding}`,
        'recommend',
      );
    }
    try {
      return recommend(finding as Parameters<typeof recommend>[0], {
        ...(limit !== undefined && { limit }),
        ...(region !== undefined && { region }),
      });
    } catch (error) {
      return explain(error, Array.isArray(input) ? `${inputName(source)}[${index}]` : source);
    }
  });
  if (ctx.json) {
    ctx.printJson(Array.isArray(input) ? results : results[0]);
    return ExitCode.Ok;
  }
  results.forEach((result, index) => {
    if (index > 0) ctx.print();
    printResult(ctx, findings[index] as Record<string, unknown>, result);
  });
  if (!ctx.options.quiet) {
    ctx.note(
      ctx.err.dim(
        `Next: faultline recommend ${given === undefined ? `--summary ${JSON.stringify(summary)}` : given} --json > recommendations.json && faultline template --recommendation recommendations.json --out template/`,
      ),
    );
  }
  return ExitCode.Ok;
}
