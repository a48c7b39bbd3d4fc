#!/usr/bin/env node
// The floor of the server benchmarks: an MCP server on the same SDK and zod as Faultline's servers,
// with one `echo` tool and nothing else (no logging, auth, limits or metrics).
//
//   node bench/minimal-server.mjs                                  stdio
//   node bench/minimal-server.mjs --transport http --port 0        stateless Streamable HTTP on 127.0.0.1
//
// Over HTTP it serves POST /mcp the way the SDK's stateless example does, and as Faultline's runtime
// did before it cached tool listings: a new McpServer and transport per request. It prints
// {"message":"listening","port":N} on stderr once it listens.
//
// The bench runner passes the SDK's and zod's file URLs in FAULTLINE_BENCH_DEPS (so resolving them
// costs this process nothing); run by hand, it resolves them itself.

// biome-ignore lint/suspicious/noUndeclaredEnvVars: set by the bench runner only, never by a turbo task
const given = process.env.FAULTLINE_BENCH_DEPS;
const deps = given ? JSON.parse(given) : (await import('./lib/common.mjs')).serverDependencyUrls();

const [{ McpServer }, { z }] = await Promise.all([import(deps.mcp), import(deps.zod)]);

function build() {
  const server = new McpServer({ name: 'minimal', version: '0.0.0' });
  server.registerTool(
    'echo',
    {
      description: 'Returns its input.',
      inputSchema: { text: z.string().describe('Text to echo.') },
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async ({ text }) => ({ content: [{ type: 'text', text }] }),
  );
  return server;
}

const argv = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};

if (flag('--transport', 'stdio') === 'stdio') {
  const { StdioServerTransport } = await import(deps.stdio);
  await build().connect(new StdioServerTransport());
} else {
  const { createServer } = await import('node:http');
  const { StreamableHTTPServerTransport } = await import(deps.streamableHttp);
  const http = createServer(async (req, res) => {
    if (req.method !== 'POST' || !req.url?.startsWith('/mcp')) {
      res.writeHead(404).end();
      return;
    }
    try {
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const server = build();
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      res.once('close', () => {
        transport.close().catch(() => {});
        server.close().catch(() => {});
      });
      await server.connect(transport);
      await transport.handleRequest(req, res, body);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: String(error) }));
    }
  });
  http.keepAliveTimeout = 65_000;
  http.listen(Number(flag('--port', '0')), flag('--host', '127.0.0.1'), () => {
    process.stderr.write(`${JSON.stringify({ message: 'listening', port: http.address().port })}\n`);
  });
  const stop = () => http.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
