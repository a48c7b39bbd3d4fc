// The public contract of @faultline/server-runtime. Anything exported here is public API: add with care.
export { type Authenticator, type AuthResult, createAuthenticator } from './auth/authenticator';
export { createJwtVerifier, type JwtCheck } from './auth/jwt-verifier';
export { helpText, parseServerCli, type ServerCliRequest, type ServerDescription } from './cli';
export { RuntimeError, RuntimeErrorCode } from './errors';
export { createHttpRuntime, type HttpRuntime, type HttpRuntimeDeps } from './http/http-runtime';
export { type RateDecision, RateLimiter } from './http/rate-limiter';
export { createLogger, type Logger, type LogLevel, silentLogger, withFields } from './logger';
export { Metrics, type ToolOutcome } from './metrics';
export {
  type AuthOptions,
  type ChaosOptions,
  defaultOptions,
  type HttpOptions,
  isLoopbackHost,
  type JwtOptions,
  LOG_LEVELS,
  type ServerCliOptions,
} from './options';
export {
  cachedCheck,
  credentialsCheck,
  evaluateReadiness,
  READY_CHECK_TTL_MS,
  type Readiness,
  type ReadinessCheck,
  type ReadinessReport,
} from './readiness';
export { runServer } from './run-server';
export {
  type BuiltServer,
  buildServer,
  type ServerFactory,
  type ServerFactoryContext,
} from './server-factory';
export {
  type CodedError,
  checkInputSize,
  ERROR_META_KEY,
  errorResult,
  isCodedError,
  MAX_INPUT_BYTES,
  structuredResult,
  toErrorResult,
  toolErrorOf,
} from './tool-result';
export type { InputIssue } from './tools/input-issues';
export {
  type CoercionListener,
  INVALID_INPUT,
  installInputValidation,
  TOOL_CALL_FAILED,
  TOOL_NOT_AVAILABLE,
  UNKNOWN_TOOL,
  withholdTools,
} from './tools/input-validation';
export { type InstrumentationOptions, InstrumentedTransport } from './tools/instrumented-transport';
export {
  ANNOTATION_HINTS,
  assertToolNames,
  classifyTool,
  keepReadOnlyTools,
  TOOL_NAME_PATTERN,
  type ToolClass,
  type ToolProfile,
  toolProfiles,
} from './tools/tool-profile';
