import type { IncomingHttpHeaders } from 'node:http';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { type AuthOptions, authMethods } from '../options';
import { createJwtVerifier, type JwtCheck } from './jwt-verifier';
import { SecretSet } from './secret-set';

/** Outcome of authenticating a request. `identity` names the credential for logs and rate limits, never its value. */
export type AuthResult =
  | { ok: true; identity: string; authInfo?: AuthInfo }
  | { ok: false; status: 401 | 403 | 503; message: string; wwwAuthenticate: string };

/** Checks a request's credentials; `metadataUrl` is the RFC 9728 document named in challenges. */
export type Authenticator = (headers: IncomingHttpHeaders, metadataUrl: string) => Promise<AuthResult>;

const quoted = (text: string) => text.replace(/["\\]/g, "'");

/**
 * Builds the authenticator for the configured methods: API keys in a header, static bearer tokens,
 * and JWTs checked against a JWKS. With no method configured every request passes as `anonymous`
 * (the CLI allows that on loopback only).
 */
export function createAuthenticator(
  auth: AuthOptions,
  verifyJwt: ((token: string) => Promise<JwtCheck>) | undefined = auth.jwt && createJwtVerifier(auth.jwt),
): Authenticator {
  const apiKeys = new SecretSet(auth.apiKeys);
  const bearerTokens = new SecretSet(auth.bearerTokens);
  const methods = authMethods(auth);

  const challenge = (metadataUrl: string, error?: { error: string; description: string; scope?: string }) => {
    const params = [
      ...(auth.jwt ? [`resource_metadata="${metadataUrl}"`] : ['realm="faultline"']),
      ...(error ? [`error="${error.error}"`, `error_description="${quoted(error.description)}"`] : []),
      ...(error?.scope ? [`scope="${error.scope}"`] : []),
    ];
    const bearer = auth.jwt || bearerTokens.size > 0 ? [`Bearer ${params.join(', ')}`] : [];
    const apiKey = apiKeys.size > 0 ? [`ApiKey header="${auth.apiKeyHeader}"`] : [];
    return [...bearer, ...apiKey].join(', ');
  };

  return async (headers, metadataUrl) => {
    if (methods.length === 0) return { ok: true, identity: 'anonymous' };
    const key = headers[auth.apiKeyHeader];
    if (apiKeys.size > 0 && typeof key === 'string' && key !== '') {
      const index = apiKeys.indexOf(key);
      if (index >= 0) return { ok: true, identity: `api-key#${index + 1}` };
      return {
        ok: false,
        status: 401,
        message: `the API key in the ${auth.apiKeyHeader} header is not valid`,
        wwwAuthenticate: challenge(metadataUrl),
      };
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
    const token = match?.[1];
    if (token && (bearerTokens.size > 0 || verifyJwt)) {
      const index = bearerTokens.indexOf(token);
      if (index >= 0) return { ok: true, identity: `bearer#${index + 1}` };
      if (verifyJwt && token.split('.').length === 3) {
        const check = await verifyJwt(token);
        if (check.ok) {
          return {
            ok: true,
            identity: `jwt:${check.clientId}`,
            authInfo: {
              token,
              clientId: check.clientId,
              scopes: check.scopes,
              ...(check.expiresAt !== undefined && { expiresAt: check.expiresAt }),
              extra: { subject: check.subject },
            },
          };
        }
        const scope = check.error === 'insufficient_scope' ? auth.jwt?.scopes.join(' ') : undefined;
        return {
          ok: false,
          status: check.status,
          message:
            check.status === 503
              ? `authentication unavailable: ${check.description}; retry later`
              : `${check.status === 403 ? 'forbidden' : 'unauthorized'}: ${check.description}`,
          wwwAuthenticate: challenge(metadataUrl, { ...check, ...(scope && { scope }) }),
        };
      }
      return {
        ok: false,
        status: 401,
        message: 'the bearer token is not valid',
        wwwAuthenticate: challenge(metadataUrl, { error: 'invalid_token', description: 'unknown token' }),
      };
    }
    const how = [
      ...(apiKeys.size > 0 ? [`an API key in the ${auth.apiKeyHeader} header`] : []),
      ...(bearerTokens.size > 0 || verifyJwt ? ['Authorization: Bearer <token>'] : []),
    ];
    return {
      ok: false,
      status: 401,
      message: `authentication required: send ${how.join(' or ')}`,
      wwwAuthenticate: challenge(metadataUrl),
    };
  };
}
