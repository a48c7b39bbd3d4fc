import { type McpSession, openMcpSession } from '../../probes/mcp-session';

/** Sessions held open against an MCP server, each calling it in a loop. */
export class ConnectionFlood {
  private readonly sessions: McpSession[] = [];
  private stopped = false;
  private loops: Promise<void>[] = [];
  opened = 0;
  failedToOpen = 0;
  calls = 0;
  callErrors = 0;

  constructor(
    private readonly options: {
      url: string;
      sessions: number;
      intervalMs: number;
      operation: 'tools/list' | 'tools/call';
      tool?: string;
      arguments?: Record<string, unknown>;
    },
  ) {}

  /** Opens the sessions concurrently and starts their call loops; resolves once all tried to open. */
  async start(): Promise<void> {
    await Promise.all(
      Array.from({ length: this.options.sessions }, async (_, i) => {
        try {
          const session = await openMcpSession(
            { transport: 'http', url: this.options.url },
            10_000,
            `faultline-flood-${i}`,
          );
          if (this.stopped) {
            await session.close();
            return;
          }
          this.sessions.push(session);
          this.opened += 1;
          this.loops.push(this.loop(session));
        } catch {
          this.failedToOpen += 1;
        }
      }),
    );
  }

  private async loop(session: McpSession): Promise<void> {
    while (!this.stopped) {
      try {
        if (this.options.operation === 'tools/call' && this.options.tool) {
          await session.client.callTool(
            { name: this.options.tool, arguments: this.options.arguments ?? {} },
            undefined,
            { timeout: 10_000 },
          );
        } else {
          await session.client.listTools(undefined, { timeout: 10_000 });
        }
        this.calls += 1;
      } catch {
        this.callErrors += 1;
        if (this.stopped) return;
      }
      await new Promise((r) => setTimeout(r, this.options.intervalMs));
    }
  }

  /** Stops the loops and closes every session. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.sessions.map((s) => s.close()));
    await Promise.race([Promise.all(this.loops), new Promise((r) => setTimeout(r, 2000))]);
  }
}
