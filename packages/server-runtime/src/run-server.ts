import { readFileSync, writeFileSync } from 'node:fs';
import { parseServerCli, type ServerDescription } from './cli';
import { createLogger } from './logger';
import { runHttp } from './run-http';
import { runStdio } from './run-stdio';
import { type BuiltServer, buildServer, type ServerFactory } from './server-factory';
import { chaosActive } from './tools/chaos';
import { listTools, ToolListCache } from './tools/tool-list-cache';
import { assertToolNames, toolProfiles } from './tools/tool-profile';

export type { BuiltServer, ServerFactory, ServerFactoryContext } from './server-factory';

/**
 * The whole life of a server process: parse the command line and environment (printing help,
 * version, a usage error or the tool list and exiting), build the server, check its tool names,
 * and serve it over stdio or Streamable HTTP until told to stop.
 *
 * @example
 * await runServer(description, ({ logger }) => ({ server: createServer({ logger }).server }));
 */
export async function runServer(description: ServerDescription, factory: ServerFactory): Promise<void> {
  const request = parseServerCli(process.argv.slice(2), process.env, description);
  if (request.kind === 'print') {
    (request.exitCode === 0 ? process.stdout : process.stderr).write(request.text);
    process.exit(request.exitCode);
  }
  const { options } = request;
  const logger = createLogger(options.logLevel);
  let probe: BuiltServer;
  try {
    probe = await buildServer(factory, { logger, readOnly: options.readOnly });
    assertToolNames(probe.server);
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    logger.log('error', 'cannot start', { code, error: message });
    process.exit(1);
  }
  const profiles = toolProfiles(probe.server);
  if (request.kind === 'list-tools') {
    process.stdout.write(`${JSON.stringify(profiles, null, 2)}\n`);
    process.exit(0);
  }
  if (request.kind === 'write-tool-list') {
    writeFileSync(request.file, `${JSON.stringify(await listTools(probe.server))}\n`);
    process.exit(0);
  }
  const toolList = new ToolListCache();
  if (description.toolList !== undefined) {
    try {
      toolList.seed(JSON.parse(readFileSync(description.toolList, 'utf8')));
    } catch {
      // No snapshot (a run from source) or an unreadable one: the SDK lists the tools.
    }
  }
  for (const profile of profiles.filter((p) => p.problems.length > 0)) {
    logger.log('warn', 'tool declaration incomplete', { tool: profile.name, problems: profile.problems });
  }
  if (chaosActive(options.chaos)) {
    logger.log('warn', 'fault injection is on', { ...options.chaos });
  }
  const knownTools = new Set(profiles.map((p) => p.name));
  if (options.transport === 'stdio') {
    toolList.install(probe.server);
    await runStdio(description, probe, options, logger, knownTools);
  } else {
    await runHttp(description, factory, probe, options, logger, knownTools, toolList);
  }
}
