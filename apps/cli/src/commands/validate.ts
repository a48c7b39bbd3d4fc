import { type ValidationIssue, validateTemplate } from '@faultline/fis-core';
import type { CommandSpec } from '../args';
import type { CommandContext } from '../context';
import { ExitCode } from '../errors';
import { readInput } from '../io';
import type { Style } from '../style';

export const validateCommand: CommandSpec = {
  name: 'validate',
  summary: 'Check a FIS experiment template before it is deployed (JSON or YAML, API or CloudFormation)',
  positionals: [{ name: 'TEMPLATE', required: true, help: 'a template file, or - for stdin' }],
  options: [
    {
      name: 'region',
      value: 'REGION',
      help: 'Region the template is for; ARNs of other Regions get a warning',
    },
    { name: 'strict', help: 'Warnings fail too (exit 1), e.g. placeholders still to fill' },
  ],
  notes: [
    'Reads the CreateExperimentTemplate body, CloudFormation AWS::FIS::ExperimentTemplate properties, or a',
    'whole CloudFormation template, as JSON or YAML (short-form tags such as !Ref included).',
    'Exit 0 when valid, 1 when invalid (or, with --strict, when there are warnings), 2 when unreadable.',
  ],
};

const SHAPES: Record<string, string> = {
  api: 'API template',
  'cloudformation-properties': 'CloudFormation properties',
  'cloudformation-template': 'CloudFormation template',
};

function formatIssue(issue: ValidationIssue, kind: 'error' | 'warning', style: Style): string {
  const label = kind === 'error' ? style.red('error  ') : style.yellow('warning');
  const lines = [
    `  ${label} ${style.bold(issue.path || '/')}  ${style.dim(issue.code)}`,
    `          ${issue.message}`,
  ];
  if (issue.suggestion) lines.push(`          ${style.green(`→ ${issue.suggestion}`)}`);
  return lines.join('\n');
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `faultline validate TEMPLATE`: errors and warnings with JSON Pointer paths; exit 1 when invalid. */
export async function runValidate(ctx: CommandContext): Promise<number> {
  const file = ctx.positionals[0] as string;
  const region = ctx.string('region');
  const text = await readInput(ctx.io, file, 'template', 'validate');
  const result = validateTemplate(text, region !== undefined ? { region } : {});
  const strict = ctx.options.strict === true;
  const failed = !result.valid || (strict && result.warnings.length > 0);
  if (ctx.json) {
    ctx.printJson({ file, ...result });
    return failed ? ExitCode.Failed : ExitCode.Ok;
  }
  const { out } = ctx;
  const name = file === '-' ? 'stdin' : file;
  const counts = `${plural(result.errors.length, 'error')}, ${plural(result.warnings.length, 'warning')}`;
  const headline = result.valid
    ? `${out.green('✓')} ${name} is a valid ${SHAPES[result.shape] ?? result.shape} (${counts})`
    : `${out.red('✗')} ${name} is not a valid FIS template (${SHAPES[result.shape] ?? result.shape}): ${counts}`;
  ctx.print(headline);
  for (const issue of result.errors) ctx.print(formatIssue(issue, 'error', out));
  for (const issue of result.warnings) ctx.print(formatIssue(issue, 'warning', out));
  if (result.valid && strict && result.warnings.length > 0) {
    ctx.print(out.yellow(`--strict: warnings count as failures (${result.warnings.length})`));
  }
  const source = result.catalogSource;
  ctx.print(
    out.dim(
      `Checked against the ${source.kind} FIS catalog (${source.retrievedAt}${source.region ? `, ${source.region}` : ''}).`,
    ),
  );
  return failed ? ExitCode.Failed : ExitCode.Ok;
}
