import { Transform, type TransformCallback } from 'node:stream';

/**
 * Longest stdio line (one JSON-RPC message) passed to the MCP SDK, in bytes: 8 MB, under the SDK's
 * 10 MB read buffer and far above the 1 MB limit of tool arguments (escapes included).
 */
export const MAX_STDIO_LINE_BYTES = 8 * 1024 * 1024;

const NEWLINE = Buffer.from('\n');

/**
 * Passes whole lines of stdin on and drops any line longer than `maxLineBytes`, holding at most one
 * line in memory. Without it, one line over the SDK's 10 MB read buffer makes `StdioServerTransport`
 * close itself, and the server process exits: one hostile frame would stop the server.
 */
export class LineLimiter extends Transform {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private dropping = false;
  private dropped = 0;

  constructor(
    private readonly maxLineBytes: number = MAX_STDIO_LINE_BYTES,
    private readonly onDropped: (bytes: number) => void = () => {},
  ) {
    super();
  }

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, done: TransformCallback): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (;;) {
      const newline = bytes.indexOf(0x0a, start);
      const part = bytes.subarray(start, newline === -1 ? bytes.length : newline);
      if (this.dropping) {
        this.dropped += part.length;
      } else if (this.pendingBytes + part.length > this.maxLineBytes) {
        this.dropping = true;
        this.dropped = this.pendingBytes + part.length;
        this.pending = [];
        this.pendingBytes = 0;
      } else if (part.length > 0) {
        // a copy: the chunk's memory is reused by the stream
        this.pending.push(Buffer.from(part));
        this.pendingBytes += part.length;
      }
      if (newline === -1) break;
      if (this.dropping) this.onDropped(this.dropped);
      else this.push(Buffer.concat([...this.pending, NEWLINE]));
      this.dropping = false;
      this.dropped = 0;
      this.pending = [];
      this.pendingBytes = 0;
      start = newline + 1;
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    if (!this.dropping && this.pendingBytes > 0) this.push(Buffer.concat(this.pending));
    done();
  }
}
