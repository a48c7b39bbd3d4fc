// The public contract of @faultline/server-runtime. Anything exported here is public API: add with care.
export {
  helpText,
  LOG_LEVELS,
  parseServerCli,
  type ServerCliOptions,
  type ServerCliRequest,
  type ServerDescription,
} from './cli';
export { createLogger, type Logger, type LogLevel, silentLogger } from './logger';
export { runServer, type ServerFactory } from './run-server';
export {
  type CodedError,
  checkInputSize,
  errorResult,
  isCodedError,
  MAX_INPUT_BYTES,
  structuredResult,
  toErrorResult,
} from './tool-result';
