import { type JwtOptions, LOG_LEVELS, type ServerCliOptions } from './options';

/** What a setter writes into while the command line is read. */
export interface ParseState {
  options: ServerCliOptions;
  jwt: Partial<JwtOptions>;
}

/** One option: its flag and/or environment variable, how it reads, and its help. */
export interface OptionSpec {
  /** `--port`; absent for settings read from the environment only (secrets). */
  flag?: string;
  env?: string;
  /** Placeholder of the value in the help (`N`); absent for a switch. */
  value?: string;
  help: string;
  /** Returns an error message, or undefined when the value was taken. */
  set(state: ParseState, raw: string): string | undefined;
}

const list = (raw: string) =>
  raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

function integer(min: number, max: number, write: (state: ParseState, value: number) => void) {
  return (state: ParseState, raw: string) => {
    if (!/^\d+$/.test(raw.trim()) || Number(raw) < min || Number(raw) > max) {
      return `expected an integer from ${min} to ${max}, got "${raw}"`;
    }
    write(state, Number(raw));
    return undefined;
  };
}

function url(write: (state: ParseState, value: string) => void) {
  return (state: ParseState, raw: string) => {
    if (!URL.canParse(raw) || !/^https?:$/.test(new URL(raw).protocol)) {
      return `expected an http(s) URL, got "${raw}"`;
    }
    write(state, raw);
    return undefined;
  };
}

function boolean(write: (state: ParseState, value: boolean) => void) {
  return (state: ParseState, raw: string) => {
    const value = raw.toLowerCase();
    if (!['true', 'false', '1', '0', 'yes', 'no'].includes(value))
      return `expected true or false, got "${raw}"`;
    write(state, ['true', '1', 'yes'].includes(value));
    return undefined;
  };
}

/** Every option, in the order of the help and of docs/remote.md. */
export const OPTION_SPECS: readonly OptionSpec[] = [
  {
    flag: '--transport',
    env: 'FAULTLINE_TRANSPORT',
    value: 'stdio|http',
    help: 'Transport (default: stdio)',
    set: ({ options }, raw) => {
      if (raw !== 'stdio' && raw !== 'http') return `expected stdio or http, got "${raw}"`;
      options.transport = raw;
      return undefined;
    },
  },
  {
    flag: '--host',
    env: 'FAULTLINE_HOST',
    value: 'HOST',
    help: 'Address to listen on (default: 127.0.0.1; any other needs authentication)',
    set: ({ options }, raw) => {
      if (!/^[\w.:[\]-]+$/.test(raw)) return `expected a host name or address, got "${raw}"`;
      options.http.host = raw;
      return undefined;
    },
  },
  {
    flag: '--port',
    env: 'FAULTLINE_PORT',
    value: 'N',
    help: 'Port (default: 8000; 0 picks a free one)',
    set: integer(0, 65535, ({ options }, value) => {
      options.http.port = value;
    }),
  },
  {
    flag: '--path',
    env: 'FAULTLINE_PATH',
    value: 'PATH',
    help: 'Path of the MCP endpoint (default: /mcp)',
    set: ({ options }, raw) => {
      if (!/^\/[\w./-]*$/.test(raw) || raw.startsWith('/.well-known') || raw === '/') {
        return `expected a path such as /mcp, got "${raw}"`;
      }
      options.http.path = raw;
      return undefined;
    },
  },
  {
    flag: '--response',
    env: 'FAULTLINE_RESPONSE',
    value: 'sse|json',
    help: 'Answer POSTs as an SSE stream (progress reaches the client) or one JSON body (default: sse)',
    set: ({ options }, raw) => {
      if (raw !== 'sse' && raw !== 'json') return `expected sse or json, got "${raw}"`;
      options.http.response = raw;
      return undefined;
    },
  },
  {
    flag: '--read-only',
    env: 'FAULTLINE_READ_ONLY',
    help: 'Expose only the tools annotated readOnlyHint: true',
    set: boolean(({ options }, value) => {
      options.readOnly = value;
    }),
  },
  {
    flag: '--log-level',
    env: 'FAULTLINE_LOG_LEVEL',
    value: 'LEVEL',
    help: `${LOG_LEVELS.join(', ')} (default: info)`,
    set: ({ options }, raw) => {
      const levels: readonly string[] = LOG_LEVELS;
      if (!levels.includes(raw)) return `expected one of ${LOG_LEVELS.join(', ')}, got "${raw}"`;
      options.logLevel = raw as ServerCliOptions['logLevel'];
      return undefined;
    },
  },
  {
    env: 'FAULTLINE_API_KEYS',
    help: 'Accepted API keys, comma-separated (environment only)',
    set: ({ options }, raw) => {
      options.http.auth.apiKeys = list(raw);
      return undefined;
    },
  },
  {
    flag: '--api-key-header',
    env: 'FAULTLINE_API_KEY_HEADER',
    value: 'NAME',
    help: 'Header carrying the API key (default: x-api-key)',
    set: ({ options }, raw) => {
      if (!/^[A-Za-z0-9-]+$/.test(raw) || /^authorization$/i.test(raw)) {
        return `expected a header name other than Authorization, got "${raw}"`;
      }
      options.http.auth.apiKeyHeader = raw.toLowerCase();
      return undefined;
    },
  },
  {
    env: 'FAULTLINE_BEARER_TOKENS',
    help: 'Accepted static bearer tokens, comma-separated (environment only)',
    set: ({ options }, raw) => {
      options.http.auth.bearerTokens = list(raw);
      return undefined;
    },
  },
  {
    flag: '--jwks-url',
    env: 'FAULTLINE_JWKS_URL',
    value: 'URL',
    help: 'Verify bearer JWTs against this JWKS (OAuth 2.1 resource server)',
    set: url(({ jwt }, value) => {
      jwt.jwksUrl = value;
    }),
  },
  {
    flag: '--jwt-issuer',
    env: 'FAULTLINE_JWT_ISSUER',
    value: 'ISS',
    help: 'Required iss claim',
    set: ({ jwt }, raw) => {
      jwt.issuer = raw;
      return undefined;
    },
  },
  {
    flag: '--jwt-audience',
    env: 'FAULTLINE_JWT_AUDIENCE',
    value: 'AUD,...',
    help: 'Accepted aud claims',
    set: ({ jwt }, raw) => {
      jwt.audiences = list(raw);
      return undefined;
    },
  },
  {
    flag: '--jwt-client-ids',
    env: 'FAULTLINE_JWT_CLIENT_IDS',
    value: 'ID,...',
    help: 'Accepted client_id (or azp) claims, for tokens without aud (Cognito)',
    set: ({ jwt }, raw) => {
      jwt.clientIds = list(raw);
      return undefined;
    },
  },
  {
    flag: '--jwt-scopes',
    env: 'FAULTLINE_JWT_SCOPES',
    value: 'SCOPE,...',
    help: 'Scopes every token must carry',
    set: ({ jwt }, raw) => {
      jwt.scopes = list(raw.replaceAll(' ', ','));
      return undefined;
    },
  },
  {
    flag: '--authorization-servers',
    env: 'FAULTLINE_AUTHORIZATION_SERVERS',
    value: 'URL,...',
    help: 'Authorization servers in the protected-resource metadata (default: the issuer)',
    set: ({ jwt }, raw) => {
      jwt.authorizationServers = list(raw);
      return undefined;
    },
  },
  {
    flag: '--resource-url',
    env: 'FAULTLINE_RESOURCE_URL',
    value: 'URL',
    help: 'Public URL of the MCP endpoint, for the metadata (default: from the request)',
    set: url(({ jwt }, value) => {
      jwt.resourceUrl = value;
    }),
  },
  {
    flag: '--allowed-hosts',
    env: 'FAULTLINE_ALLOWED_HOSTS',
    value: 'HOST,...',
    help: 'Accepted Host headers (default: loopback names when bound to loopback, else any)',
    set: ({ options }, raw) => {
      options.http.allowedHosts = list(raw.toLowerCase());
      return undefined;
    },
  },
  {
    flag: '--allowed-origins',
    env: 'FAULTLINE_ALLOWED_ORIGINS',
    value: 'ORIGIN,...',
    help: 'Accepted Origin headers; requests with another Origin get 403 (default: none)',
    set: ({ options }, raw) => {
      options.http.allowedOrigins = list(raw.toLowerCase()).map((origin) => origin.replace(/\/$/, ''));
      return undefined;
    },
  },
  {
    flag: '--max-body-bytes',
    env: 'FAULTLINE_MAX_BODY_BYTES',
    value: 'N',
    help: 'Largest request body (default: 1048576)',
    set: integer(1024, 64 * 1024 * 1024, ({ options }, value) => {
      options.http.maxBodyBytes = value;
    }),
  },
  {
    flag: '--request-timeout-ms',
    env: 'FAULTLINE_REQUEST_TIMEOUT_MS',
    value: 'MS',
    help: 'Longest time a request may take (default: 300000)',
    set: integer(1000, 3_600_000, ({ options }, value) => {
      options.http.requestTimeoutMs = value;
    }),
  },
  {
    flag: '--rate-limit',
    env: 'FAULTLINE_RATE_LIMIT',
    value: 'N',
    help: 'Requests per minute per client, 0 for no limit (default: 300)',
    set: integer(0, 1_000_000, ({ options }, value) => {
      options.http.rateLimitPerMinute = value;
    }),
  },
  {
    flag: '--rate-burst',
    env: 'FAULTLINE_RATE_BURST',
    value: 'N',
    help: 'Requests a client may send at once before the rate applies (default: 60)',
    set: integer(1, 1_000_000, ({ options }, value) => {
      options.http.rateLimitBurst = value;
    }),
  },
  {
    flag: '--max-concurrent',
    env: 'FAULTLINE_MAX_CONCURRENT',
    value: 'N',
    help: 'Requests served at once; more get 503 (default: 64)',
    set: integer(1, 100_000, ({ options }, value) => {
      options.http.maxConcurrent = value;
    }),
  },
  {
    flag: '--shutdown-timeout-ms',
    env: 'FAULTLINE_SHUTDOWN_TIMEOUT_MS',
    value: 'MS',
    help: 'On SIGTERM, how long in-flight calls may finish (default: 25000)',
    set: integer(0, 600_000, ({ options }, value) => {
      options.http.shutdownTimeoutMs = value;
    }),
  },
  {
    flag: '--ready-optional',
    env: 'FAULTLINE_READY_OPTIONAL',
    value: 'NAMES',
    help: 'Readiness checks reported on /ready without failing it, e.g. aws_fis (default: none)',
    set: ({ options }, raw) => {
      const names = list(raw);
      const bad = names.find((name) => !/^[a-z][a-z0-9_]*$/.test(name));
      if (bad !== undefined) return `expected check names such as aws_fis, separated by commas, got "${bad}"`;
      if (names.includes('server')) {
        return '"server" cannot be optional: a draining replica must leave the load balancer';
      }
      options.http.readyOptional = names;
      return undefined;
    },
  },
  {
    flag: '--chaos-delay-ms',
    env: 'FAULTLINE_CHAOS_DELAY_MS',
    value: 'MS',
    help: 'Fault injection: latency added to every tool call (default: 0)',
    set: integer(0, 600_000, ({ options }, value) => {
      options.chaos.delayMs = value;
    }),
  },
  {
    flag: '--chaos-error-rate',
    env: 'FAULTLINE_CHAOS_ERROR_RATE',
    value: 'P',
    help: 'Fault injection: share of tool calls failed on purpose, 0 to 1 (default: 0)',
    set: ({ options }, raw) => {
      const rate = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(rate) || rate < 0 || rate > 1) {
        return `expected a number from 0 to 1, got "${raw}"`;
      }
      options.chaos.errorRate = rate;
      return undefined;
    },
  },
];
