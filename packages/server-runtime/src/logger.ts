/** Severity of a log line. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Structured logger writing one JSON object per line to stderr (stdout belongs to MCP). */
export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** A logger that writes JSON lines at or above `level` to a stream (stderr by default). */
export function createLogger(
  level: LogLevel = 'info',
  write: (line: string) => void = (line) => process.stderr.write(line),
): Logger {
  return {
    log(lineLevel, message, fields) {
      if (ORDER[lineLevel] < ORDER[level]) return;
      write(`${JSON.stringify({ time: new Date().toISOString(), level: lineLevel, message, ...fields })}\n`);
    },
  };
}

/**
 * A logger that adds `fields` (a request id, say) to every line of `logger`; a line's own fields win.
 *
 * @example
 * withFields(logger, { requestId: 'r-1' }).log('info', 'recommended'); // {"requestId":"r-1",...}
 */
export function withFields(logger: Logger, fields: Record<string, unknown>): Logger {
  return { log: (level, message, own) => logger.log(level, message, { ...fields, ...own }) };
}

/** A logger that drops everything (tests). */
export const silentLogger: Logger = { log() {} };
