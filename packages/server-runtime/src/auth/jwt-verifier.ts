import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import type { JwtOptions } from '../options';

type Jose = typeof import('jose');
let jose: Promise<Jose> | undefined;

/** `jose` is loaded on the first token, not at start-up: most servers never see a JWT (stdio, API keys). */
const loadJose = (): Promise<Jose> => {
  jose ??= import('jose');
  return jose;
};

/** Asymmetric algorithms only: a JWKS never vouches for a shared secret, and `none` is never accepted. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** Outcome of checking one JWT. */
export type JwtCheck =
  | { ok: true; subject: string; clientId: string; scopes: string[]; expiresAt?: number }
  | { ok: false; status: 401 | 403 | 503; error: string; description: string };

/** The scopes a token carries, from `scope` (space-separated) or `scp` (array or string). */
export function tokenScopes(payload: JWTPayload): string[] {
  const raw = [payload.scope, payload.scp].flat();
  return raw.flatMap((value) => (typeof value === 'string' ? value.split(' ').filter(Boolean) : []));
}

/** Thrown by the key lookup when the JWKS itself failed (HTTP error, not JSON, not a key set): not the token's fault. */
class JwksUnavailable extends Error {
  readonly code = 'ERR_FAULTLINE_JWKS_UNAVAILABLE';
}

/**
 * Wraps a key lookup so that a failing JWKS (an HTTP error, a body that is not JSON or not a key
 * set) is told apart from a token no key matches: the first answers 503, the second 401.
 */
function guardKeys(keys: JWTVerifyGetKey, errors: Jose['errors']): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await keys(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
        throw error;
      }
      throw new JwksUnavailable('the JWKS cannot be used', { cause: error });
    }
  };
}

/** Words for a refused claim (jose's reasons are codes such as `check_failed`). */
function claimProblem(claim: string, reason: string): string {
  if (reason === 'missing') return `the token has no ${claim} claim`;
  if (claim === 'nbf') return 'the token is not valid yet (nbf)';
  if (claim === 'aud') return 'wrong audience: aud not accepted';
  if (claim === 'iss') return 'wrong issuer: iss not accepted';
  return `the ${claim} claim is not accepted`;
}

function rejection(error: unknown, errors: Jose['errors']): JwtCheck {
  const code = (error as { code?: string }).code;
  if (error instanceof errors.JWTExpired) {
    return { ok: false, status: 401, error: 'invalid_token', description: 'the token has expired' };
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return {
      ok: false,
      status: 401,
      error: 'invalid_token',
      description: claimProblem(error.claim, error.reason),
    };
  }
  if (error instanceof JwksUnavailable || code === 'ERR_JWKS_TIMEOUT' || error instanceof TypeError) {
    return {
      ok: false,
      status: 503,
      error: 'temporarily_unavailable',
      description: 'the signing keys (JWKS) cannot be fetched right now',
    };
  }
  if (code === 'ERR_JWKS_NO_MATCHING_KEY') {
    return {
      ok: false,
      status: 401,
      error: 'invalid_token',
      description: 'no key of the JWKS signed this token',
    };
  }
  return { ok: false, status: 401, error: 'invalid_token', description: 'the token is not a valid JWT' };
}

/**
 * Checks bearer JWTs as an OAuth 2.1 resource server: signature against the JWKS (fetched and
 * cached by `jose`), issuer, audience and/or client id, expiry and not-before, and required scopes.
 * A JWKS that cannot be fetched or read answers 503 `temporarily_unavailable`, not 401. `keys` defaults to the remote JWKS at `options.jwksUrl`, built with `jose` on the first token.
 */
export function createJwtVerifier(
  options: JwtOptions,
  keys?: JWTVerifyGetKey,
): (token: string) => Promise<JwtCheck> {
  let remoteKeys: JWTVerifyGetKey | undefined;
  return async (token) => {
    const { createRemoteJWKSet, errors, jwtVerify } = await loadJose();
    remoteKeys ??= guardKeys(
      keys ??
        createRemoteJWKSet(new URL(options.jwksUrl), {
          timeoutDuration: 5000,
          cooldownDuration: 30_000,
          cacheMaxAge: 600_000,
        }),
      errors,
    );
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, remoteKeys, {
        issuer: options.issuer,
        algorithms: ALGORITHMS,
        clockTolerance: 5,
        requiredClaims: ['exp'],
        ...(options.audiences.length > 0 && { audience: options.audiences }),
      }));
    } catch (error) {
      return rejection(error, errors);
    }
    const clientId = String(payload.client_id ?? payload.azp ?? payload.sub ?? 'unknown');
    if (options.clientIds.length > 0 && !options.clientIds.includes(clientId)) {
      return {
        ok: false,
        status: 401,
        error: 'invalid_token',
        description: 'wrong client: client_id not accepted',
      };
    }
    const scopes = tokenScopes(payload);
    const missing = options.scopes.filter((scope) => !scopes.includes(scope));
    if (missing.length > 0) {
      return {
        ok: false,
        status: 403,
        error: 'insufficient_scope',
        description: `the token lacks the scope ${missing.join(' ')}`,
      };
    }
    return {
      ok: true,
      subject: String(payload.sub ?? clientId),
      clientId,
      scopes,
      ...(payload.exp !== undefined && { expiresAt: payload.exp }),
    };
  };
}
