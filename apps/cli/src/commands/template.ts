import { mkdir, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { type CreateTemplateResult, createTemplate, FisCoreError } from '@faultline/fis-core';
import { type CommandSpec, integerOption, listOption } from '../args';
import type { CommandContext } from '../context';
import { ExitCode, UsageError } from '../errors';
import { inputName, parseJsonInput, readInput } from '../io';

export const templateCommand: CommandSpec = {
  name: 'template',
  summary: 'Build a FIS experiment template, its CloudFormation and IAM policy from a recommendation',
  positionals: [],
  options: [
    {
      name: 'recommendation',
      short: 'r',
      value: 'FILE',
      help: 'A recommendation as JSON, or "faultline recommend --json" output (- for stdin)',
    },
    { name: 'rank', value: 'N', help: 'Which recommendation of a recommend result to use (default 1)' },
    { name: 'action', short: 'a', value: 'ID', help: 'A FIS action id instead, e.g. aws:ec2:stop-instances' },
    {
      name: 'role-arn',
      value: 'ARN',
      help: 'Role FIS assumes (default: a placeholder and a role in the CloudFormation)',
    },
    {
      name: 'alarm-arn',
      value: 'ARN',
      repeatable: true,
      help: 'CloudWatch alarm that stops the experiment (repeatable)',
    },
    { name: 'allow-no-stop-condition', help: 'Waive the stop condition explicitly (a warning says so)' },
    { name: 'duration', value: 'ISO8601', help: 'Fault duration of every action, e.g. PT5M' },
    {
      name: 'resource-type',
      value: 'TYPE',
      help: 'Resource type the selection applies to, e.g. aws:ec2:instance',
    },
    {
      name: 'resource-arn',
      value: 'ARN',
      repeatable: true,
      help: 'Target this resource (repeatable, at most 5)',
    },
    {
      name: 'tag',
      value: 'KEY=VALUE',
      repeatable: true,
      help: 'Target resources with this tag (repeatable)',
    },
    { name: 'selection-mode', value: 'MODE', help: 'ALL, COUNT(n) or PERCENT(n)' },
    { name: 'region', value: 'REGION', help: 'Fills <YOUR REGION>' },
    { name: 'account-id', value: 'ID', help: 'Fills <YOUR AWS ACCOUNT>' },
    { name: 'description', value: 'TEXT', help: 'Template description' },
    { name: 'sequential', help: 'Run the actions one after another instead of in parallel' },
    {
      name: 'config',
      value: 'FILE',
      help: 'More target settings as JSON (the MCP tool’s target_config); flags win',
    },
    {
      name: 'out',
      short: 'o',
      value: 'DIR',
      help: 'Write the files to DIR instead of printing the template',
    },
  ],
  notes: [
    'Give --recommendation or --action. Without --out the template JSON goes to stdout, notes to stderr.',
    'With --out DIR: experiment-template.json, cloudformation.yaml, cloudformation.json, iam-policy.json,',
    'trust-policy.json and placeholders.json. Check the result with "faultline validate".',
  ],
};

/** Target-config fields and the flag that sets each, to name flags in error messages. */
const FLAGS: Record<string, string> = {
  roleArn: '--role-arn',
  stopConditionAlarmArn: '--alarm-arn',
  allowNoStopCondition: '--allow-no-stop-condition',
  duration: '--duration',
  resourceType: '--resource-type',
  resourceArns: '--resource-arn',
  tags: '--tag',
  selectionMode: '--selection-mode',
  region: '--region',
  accountId: '--account-id',
  description: '--description',
  sequence: '--sequential',
};

function tags(list: string[]): Record<string, string> | undefined {
  if (list.length === 0) return undefined;
  return Object.fromEntries(
    list.map((pair) => {
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new UsageError(`--tag: expected KEY=VALUE, got "${pair}"`, 'template');
      return [pair.slice(0, eq), pair.slice(eq + 1)];
    }),
  );
}

async function readRecommendation(ctx: CommandContext, file: string): Promise<unknown> {
  const value = parseJsonInput(await readInput(ctx.io, file, 'recommendation', 'template'), file, 'template');
  const rank = integerOption(ctx.options, 'rank', { min: 1, max: 20, command: 'template' });
  const results =
    Array.isArray(value) && value.every((v) => v && typeof v === 'object' && 'recommendations' in v);
  if (results && (value as unknown[]).length > 1) {
    throw new UsageError(
      `${file} holds the results of ${(value as unknown[]).length} findings; pass one (e.g. jq '.[0]')`,
      'template',
    );
  }
  const single = results ? (value as unknown[])[0] : value;
  if (single && typeof single === 'object' && !Array.isArray(single) && 'recommendations' in single) {
    const list = (single as { recommendations: unknown[] }).recommendations;
    const chosen = list[(rank ?? 1) - 1];
    if (!chosen) {
      throw new UsageError(
        list.length === 0
          ? `${file}: the result holds no recommendation`
          : `--rank ${rank}: ${file} holds ${list.length} recommendation(s)`,
        'template',
      );
    }
    return chosen;
  }
  if (rank !== undefined)
    throw new UsageError(`--rank applies to "faultline recommend --json" output only`, 'template');
  return single;
}

async function targetConfig(
  ctx: CommandContext,
): Promise<{ config: Record<string, unknown>; file?: string }> {
  const file = ctx.string('config');
  const base = file
    ? parseJsonInput(await readInput(ctx.io, file, 'target config', 'template'), file, 'template')
    : {};
  if (base === null || typeof base !== 'object' || Array.isArray(base)) {
    throw new UsageError(`${file}: expected a JSON object of target settings`, 'template');
  }
  const alarms = listOption(ctx.options, 'alarm-arn');
  const arns = listOption(ctx.options, 'resource-arn');
  const flags: Record<string, unknown> = {
    roleArn: ctx.string('role-arn'),
    stopConditionAlarmArn: alarms.length > 1 ? alarms : alarms[0],
    allowNoStopCondition: ctx.options['allow-no-stop-condition'] === true ? true : undefined,
    duration: ctx.string('duration'),
    resourceType: ctx.string('resource-type'),
    resourceArns: arns.length ? arns : undefined,
    tags: tags(listOption(ctx.options, 'tag')),
    selectionMode: ctx.string('selection-mode'),
    region: ctx.string('region'),
    accountId: ctx.string('account-id'),
    description: ctx.string('description'),
    sequence: ctx.options.sequential === true ? 'sequential' : undefined,
  };
  const given = Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined));
  return { config: { ...(base as Record<string, unknown>), ...given }, ...(file && { file }) };
}

/** Rewrites `target.<field>` in a fis-core message as the flag (or config file field) the user wrote. */
function nameFields(
  message: string,
  ctx: CommandContext,
  configFile: string | undefined,
  source: string,
): string {
  return message
    .replace(/\btarget\.([A-Za-z]+)/g, (_, field: string) => {
      const flag = FLAGS[field];
      const fromFlag = flag && (ctx.options[flag.slice(2)] !== undefined || !configFile);
      return fromFlag && flag ? flag : `${configFile ?? 'target'}.${field}`;
    })
    .replace(
      /\brecommendation\.actionId/g,
      ctx.string('action') !== undefined ? '--action' : `${source}: actionId`,
    )
    .replace(/\brecommendation\b/g, source);
}

const FILES = (result: CreateTemplateResult): Record<string, string> => ({
  'experiment-template.json': `${JSON.stringify(result.template, null, 2)}\n`,
  'cloudformation.yaml': result.cloudformation.yaml,
  'cloudformation.json': `${JSON.stringify(result.cloudformation.template, null, 2)}\n`,
  'iam-policy.json': `${JSON.stringify(result.iamPolicy, null, 2)}\n`,
  'trust-policy.json': `${JSON.stringify(result.trustPolicy, null, 2)}\n`,
  'placeholders.json': `${JSON.stringify({ placeholders: result.placeholders, warnings: result.warnings }, null, 2)}\n`,
});

/** A path relative to the working directory when it is below it, else absolute. */
function display(ctx: CommandContext, path: string): string {
  const rel = relative(ctx.io.cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

/** fis-core's warnings name the MCP tool's fields; here they are flags. */
function asFlags(text: string): string {
  return text
    .replace(/\btarget_config\.([A-Za-z]+)/g, (whole, field: string) => FLAGS[field] ?? whole)
    .replace('waive with allowNoStopCondition', 'waive with --allow-no-stop-condition');
}

/** `faultline template`: a template from a recommendation or an action id. */
export async function runTemplate(ctx: CommandContext): Promise<number> {
  const file = ctx.string('recommendation');
  const action = ctx.string('action');
  if ((file === undefined) === (action === undefined)) {
    throw new UsageError(
      file === undefined
        ? 'give --recommendation FILE (from "faultline recommend --json") or --action ID'
        : 'give --recommendation or --action, not both',
      'template',
    );
  }
  const recommendation = file !== undefined ? await readRecommendation(ctx, file) : { action };
  const { config, file: configFile } = await targetConfig(ctx);
  const source = file !== undefined ? inputName(file) : '--action';
  let result: CreateTemplateResult;
  try {
    result = createTemplate(recommendation, config, {
      inputNames: { recommendation: 'recommendation', targetConfig: 'target' },
    });
  } catch (error) {
    if (FisCoreError.isInstance(error)) {
      throw new UsageError(nameFields(error.message, ctx, configFile, source), 'template');
    }
    throw error;
  }
  const outDir = ctx.string('out');
  const written: string[] = [];
  if (outDir !== undefined) {
    const dir = resolve(ctx.io.cwd, outDir);
    await mkdir(dir, { recursive: true });
    for (const [name, text] of Object.entries(FILES(result))) {
      await writeFile(join(dir, name), text);
      written.push(join(dir, name));
    }
  }
  if (ctx.json) {
    ctx.printJson(outDir !== undefined ? { ...result, files: written } : result);
    return ExitCode.Ok;
  }
  const { err } = ctx;
  if (outDir !== undefined) {
    ctx.print(`Wrote ${written.length} files to ${display(ctx, resolve(ctx.io.cwd, outDir))}/:`);
    for (const path of written) ctx.print(`  ${display(ctx, path)}`);
  } else {
    ctx.print(JSON.stringify(result.template, null, 2));
  }
  for (const placeholder of result.placeholders) {
    ctx.note(`${err.yellow('fill')} ${placeholder.text}: ${asFlags(placeholder.hint)}`);
  }
  for (const warning of result.warnings) {
    if (warning.startsWith('Fill ')) continue; // the placeholders are listed above
    ctx.note(`${err.yellow('warning')} ${asFlags(warning)}`);
  }
  const target = outDir !== undefined ? join(outDir, 'cloudformation.yaml') : 'TEMPLATE';
  ctx.progress(`Next: faultline validate ${target}`);
  return ExitCode.Ok;
}
