#!/usr/bin/env node
// faultline-scenario: run, validate, list, report and recover chaos scenarios.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { recoverRun } from '../engine/recover';
import { newRunId, runScenario } from '../engine/run-scenario';
import type { RunEvent } from '../engine/run-types';
import { ScenarioEngineError } from '../errors';
import { readRunReport } from '../report/read-run-report';
import { writeReports } from '../report/write-reports';
import { findScenarioFiles } from '../scenario/find-scenario-files';
import { formatIssues } from '../scenario/scenario-issue';
import { defaultScenarioRoot } from '../scenario/scenario-root';
import { parseArgs } from './args';
import { loadScenarioFile } from './load-scenario';

const HELP = `faultline-scenario — declarative chaos scenarios with real faults and clean rollback

Usage:
  faultline-scenario run FILE [--out DIR] [--set name=value]… [--dry-run] [--control] [--ci]
      Runs a scenario. Exit 0 on PASS, 1 on FAIL, 3 on ABORTED, 2 on usage or invalid scenario.
      Writes DIR/report.json (verdict, runId, per fault mttdMs and mttrMs), journal.jsonl,
      samples.jsonl, junit.xml, report.md, report.html and command outputs. DIR defaults to
      .faultline/runs/RUN_ID; --ci prints plain progress lines instead of a live status line.
  faultline-scenario validate FILE…     Checks scenarios; prints every problem with line:column.
  faultline-scenario list [DIR]         Lists scenarios in DIR (default FAULTLINE_SCENARIO_ROOT, else
                                        ./scenarios, else the working directory).
  faultline-scenario report RUN_DIR [--format md|json|junit|html]
                                        Prints (and regenerates) a run's report.
  faultline-scenario recover RUN_DIR    Rolls back a run that died: reverts faults, stops its
                                        processes, runs cleanup, writes an ABORTED report.
  faultline-scenario service restart NAME --run-dir DIR
                                        Asks a run's supervisor to (re)start a service (for remedies).

Bindings: --set name=value wins over FAULTLINE_BINDING_<NAME>, which wins over the file.
Kill switch: while FAULTLINE_KILL_SWITCH (default ~/.faultline/kill-switch) exists, nothing is injected.
`;

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

function progress(ci: boolean): (event: RunEvent) => void {
  const tty = process.stderr.isTTY && !ci;
  let last = '';
  return (event) => {
    if (event.type === 'sample') {
      if (!tty) return;
      const s = event.sample;
      process.stderr.write(`\r\x1b[K${last}  ${s.probe} ${s.ok ? 'ok' : 'FAIL'} ${s.latencyMs} ms`);
      return;
    }
    const line =
      event.type === 'state'
        ? `state ${event.state}${event.skipped ? ` (skipped ${event.skipped.join(', ')})` : ''}`
        : event.type === 'fault'
          ? `fault ${event.faultId} ${event.action}${event.detail ? `: ${event.detail}` : ''}`
          : event.message;
    last = line;
    if (tty) process.stderr.write(`\r\x1b[K${line}\n`);
    else err(`${new Date().toISOString()} ${line}`);
  };
}

async function run(file: string, args: ReturnType<typeof parseArgs>): Promise<number> {
  const { text, result } = loadScenarioFile(file, args.sets);
  if (!result.success) {
    err(formatIssues(result.issues, file));
    return 2;
  }
  const runId = newRunId();
  const outDir = resolve(
    typeof args.flags.out === 'string' ? args.flags.out : join('.faultline', 'runs', runId),
  );
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    err(`${signal}: rolling back…`);
    controller.abort(`${signal} received`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const { report, runDir } = await runScenario({
    scenario: result.scenario,
    scenarioText: text,
    outDir,
    runId,
    cwd: dirname(resolve(file)),
    dryRun: args.flags['dry-run'] === true,
    control: args.flags.control === true ? true : undefined,
    signal: controller.signal,
    onEvent: progress(args.flags.ci === true || Boolean(process.env.CI)),
  });
  for (const f of report.faults)
    out(
      `${f.id}: ${f.status} mttdMs=${f.mttdMs ?? '-'} mttrMs=${f.mttrMs ?? '-'}${f.reason ? ` (${f.reason})` : ''}`,
    );
  out(`${report.verdict} ${report.runId}: ${report.reason}`);
  out(`report: ${join(runDir, 'report.html')}`);
  return report.verdict === 'PASS' ? 0 : report.verdict === 'FAIL' ? 1 : 3;
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.errors.length > 0) return usage(args.errors.join('; '));
  if (args.flags.help || !args.command) {
    (args.command ? out : err)(HELP);
    return args.command || args.flags.help ? 0 : 2;
  }
  switch (args.command) {
    case 'run': {
      const file = args.positional[0];
      if (!file) return usage('run needs a scenario FILE');
      return run(file, args);
    }
    case 'validate': {
      if (args.positional.length === 0) return usage('validate needs at least one FILE');
      let bad = 0;
      for (const file of args.positional) {
        const { result } = loadScenarioFile(file, args.sets);
        if (result.success) out(`${file}: ok (${result.scenario.meta.id})`);
        else {
          bad += 1;
          out(`${file}: ${result.issues.length} problem(s)`);
          out(formatIssues(result.issues, file));
        }
      }
      return bad === 0 ? 0 : 2;
    }
    case 'list': {
      const dir = args.positional[0] ?? defaultScenarioRoot();
      const search = await findScenarioFiles(dir);
      for (const { absolute: file } of search.files) {
        const { result } = loadScenarioFile(file, args.sets);
        if (result.success) {
          const s = result.scenario;
          const faults =
            (Array.isArray(s.fault) ? s.fault : s.fault ? [s.fault] : []).map((f) => f.type).join(',') ||
            'none';
          out(`${s.meta.id}\t${faults}\t${file}\t${s.meta.title}`);
        } else out(`INVALID\t-\t${file}\t${result.issues.length} problem(s)`);
      }
      for (const { path, reason } of search.skipped) err(`skipped ${path}: ${reason}`);
      if (search.truncated) err('the search stopped at 500 files or 6 folders deep');
      return 0;
    }
    case 'report': {
      const dir = args.positional[0];
      if (!dir) return usage('report needs a RUN_DIR');
      const format = typeof args.flags.format === 'string' ? args.flags.format : 'md';
      const file = {
        md: 'report.md',
        markdown: 'report.md',
        json: 'report.json',
        junit: 'junit.xml',
        html: 'report.html',
      }[format];
      if (!file) return usage(`unknown format ${format}`);
      // every format is regenerated, also for a run that recover finished (it may have no samples)
      const { report, samples } = readRunReport(dir);
      writeReports(dir, report, samples, ['json', 'junit', 'markdown', 'html']);
      process.stdout.write(readFileSync(join(dir, file), 'utf8'));
      return 0;
    }
    case 'recover': {
      const dir = args.positional[0];
      if (!dir) return usage('recover needs a RUN_DIR');
      const result = await recoverRun(resolve(dir));
      out(JSON.stringify(result));
      return result.errors.length === 0 ? 0 : 1;
    }
    case 'service': {
      const [action, name] = args.positional;
      const runDir = args.flags['run-dir'];
      if (action !== 'restart' || !name || typeof runDir !== 'string')
        return usage('service restart NAME --run-dir DIR');
      // NAME becomes a file name: a service name as scenarios write them, never a path (`../x`)
      if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(name))
        return usage(
          `service restart: "${name.slice(0, 80)}" is not a service name (lower-case letters, digits, - and _)`,
        );
      mkdirSync(join(runDir, 'services'), { recursive: true });
      writeFileSync(join(runDir, 'services', `${name}.restart-request`), `${Date.now()}\n`);
      out(`restart of ${name} requested`);
      return 0;
    }
    default:
      return usage(`unknown command "${args.command}"`);
  }
}

function usage(message: string): number {
  err(`${message}; see --help`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // an expected failure (a coded engine error, a missing or unreadable file) is one line; a bug keeps its stack
    const expected =
      ScenarioEngineError.isInstance(error) || typeof (error as NodeJS.ErrnoException)?.code === 'string';
    err(
      expected ? `faultline-scenario: ${(error as Error).message}` : String((error as Error)?.stack ?? error),
    );
    process.exit(2);
  },
);
