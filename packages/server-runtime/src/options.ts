import type { LogLevel } from './logger';

/** Log levels, least severe first. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/** OAuth 2.1 resource-server settings: JWTs checked against a JWKS. */
export interface JwtOptions {
  /** Where the signing keys are (`--jwks-url`, FAULTLINE_JWKS_URL). */
  jwksUrl: string;
  /** Required `iss` (`--jwt-issuer`). */
  issuer: string;
  /** Accepted `aud` values (`--jwt-audience`); empty to check `client_id` only (Cognito access tokens). */
  audiences: string[];
  /** Accepted `client_id` (or `azp`) values (`--jwt-client-ids`); empty for any. */
  clientIds: string[];
  /** Scopes every token must carry (`--jwt-scopes`). */
  scopes: string[];
  /** Authorization servers named in the protected-resource metadata; defaults to the issuer. */
  authorizationServers: string[];
  /** Public URL of the MCP endpoint (`--resource-url`); derived from the request when unset. */
  resourceUrl?: string;
}

/** How HTTP clients prove who they are. Secrets come from the environment only. */
export interface AuthOptions {
  /** Header carrying an API key (`--api-key-header`, default x-api-key). */
  apiKeyHeader: string;
  /** FAULTLINE_API_KEYS, comma-separated. */
  apiKeys: string[];
  /** FAULTLINE_BEARER_TOKENS, comma-separated static bearer tokens. */
  bearerTokens: string[];
  jwt?: JwtOptions;
}

/** Settings of the Streamable HTTP transport. */
export interface HttpOptions {
  host: string;
  port: number;
  /** Path of the MCP endpoint, `/mcp` by default. */
  path: string;
  /** `sse` streams each response (progress notifications reach the client); `json` answers in one body. */
  response: 'sse' | 'json';
  /** Host header values accepted; empty means loopback names when bound to loopback, else any. */
  allowedHosts: string[];
  /** Origin header values accepted; a request with any other Origin gets 403. */
  allowedOrigins: string[];
  maxBodyBytes: number;
  requestTimeoutMs: number;
  /** Requests per minute per client (credential, else IP); 0 turns rate limiting off. */
  rateLimitPerMinute: number;
  rateLimitBurst: number;
  maxConcurrent: number;
  shutdownTimeoutMs: number;
  /**
   * Readiness checks reported on /ready without failing it (`--ready-optional`), for dependencies
   * only some tools need, e.g. `aws_fis` where an AWS outage should not take every replica out of
   * the load balancer while the offline tools still work.
   */
  readyOptional: string[];
  auth: AuthOptions;
}

/** Fault injection on tool calls, off unless set. */
export interface ChaosOptions {
  delayMs: number;
  errorRate: number;
}

/** Options every Faultline server reads from its command line and environment. */
export interface ServerCliOptions {
  transport: 'stdio' | 'http';
  logLevel: LogLevel;
  /** Expose only the tools annotated `readOnlyHint: true`. */
  readOnly: boolean;
  http: HttpOptions;
  chaos: ChaosOptions;
}

/** The options when nothing is set: stdio, info logs, every tool, HTTP settings ready for `--transport http`. */
export function defaultOptions(): ServerCliOptions {
  return {
    transport: 'stdio',
    logLevel: 'info',
    readOnly: false,
    http: {
      host: '127.0.0.1',
      port: 8000,
      path: '/mcp',
      response: 'sse',
      allowedHosts: [],
      allowedOrigins: [],
      maxBodyBytes: 1024 * 1024,
      requestTimeoutMs: 300_000,
      rateLimitPerMinute: 300,
      rateLimitBurst: 60,
      maxConcurrent: 64,
      shutdownTimeoutMs: 25_000,
      readyOptional: [],
      auth: { apiKeyHeader: 'x-api-key', apiKeys: [], bearerTokens: [] },
    },
    chaos: { delayMs: 0, errorRate: 0 },
  };
}

/** True for names and addresses that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/** The authentication methods configured, e.g. `['api-key', 'jwt']`. */
export function authMethods(auth: AuthOptions): string[] {
  return [
    ...(auth.apiKeys.length > 0 ? ['api-key'] : []),
    ...(auth.bearerTokens.length > 0 ? ['bearer'] : []),
    ...(auth.jwt ? ['jwt'] : []),
  ];
}
