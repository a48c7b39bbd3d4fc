#!/usr/bin/env node
// The minimal server's echo tool on Faultline's own runtime (@faultline/server-runtime): command
// line, logging, instrumentation and stdio handling, with the conventions every Faultline tool
// follows (an output schema, structured content, one log line per call). Measured next to the
// minimal server, it shows what the runtime adds to a call before any tool does real work.
//
//   node bench/runtime-echo-server.mjs [runtime flags, e.g. --transport http --port 0]
// biome-ignore lint/suspicious/noUndeclaredEnvVars: set by the bench runner only, never by a turbo task
const given = process.env.FAULTLINE_BENCH_DEPS;
const deps = given ? JSON.parse(given) : (await import('./lib/common.mjs')).serverDependencyUrls();

const [{ McpServer }, { z }, { runServer, structuredResult }] = await Promise.all([
  import(deps.mcp),
  import(deps.zod),
  import(deps.serverRuntime),
]);

await runServer(
  {
    bin: 'runtime-echo',
    packageName: 'faultline-bench',
    version: '0.0.0',
    summary: 'Echoes its input, on the Faultline runtime.',
    capabilities: ['Tools: echo'],
  },
  ({ logger }) => {
    const server = new McpServer({ name: 'runtime-echo', version: '0.0.0' });
    server.registerTool(
      'echo',
      {
        description: 'Returns its input.',
        inputSchema: { text: z.string().describe('Text to echo.') },
        outputSchema: { text: z.string() },
        annotations: {
          readOnlyHint: true,
          destructiveHint: false,
          idempotentHint: true,
          openWorldHint: false,
        },
      },
      async ({ text }) => {
        logger.log('info', 'echoed');
        return structuredResult({ text });
      },
    );
    return { server };
  },
);
