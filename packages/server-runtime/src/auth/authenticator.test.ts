import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../options';
import { createAuthenticator } from './authenticator';
import { SecretSet } from './secret-set';

const auth = { ...defaultOptions().http.auth, apiKeys: ['key-one', 'key-two'], bearerTokens: ['tok'] };
const metadata = 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp';

describe('authentication', () => {
  it('names the credential that matched by position, never by value', async () => {
    const authenticate = createAuthenticator(auth);
    expect(await authenticate({ 'x-api-key': 'key-two' }, metadata)).toEqual({
      ok: true,
      identity: 'api-key#2',
    });
    expect(await authenticate({ authorization: 'Bearer tok' }, metadata)).toEqual({
      ok: true,
      identity: 'bearer#1',
    });
  });

  it('refuses a wrong key or no credential with 401, a challenge, and a message without the secret', async () => {
    const authenticate = createAuthenticator(auth);
    const wrong = await authenticate({ 'x-api-key': 'key-three' }, metadata);
    expect(wrong).toMatchObject({ ok: false, status: 401 });
    expect(JSON.stringify(wrong)).not.toContain('key-three');
    const none = await authenticate({}, metadata);
    expect(none).toMatchObject({
      ok: false,
      status: 401,
      message: expect.stringMatching(/x-api-key.*Bearer/),
    });
    expect(!none.ok && none.wwwAuthenticate).toBe('Bearer realm="faultline", ApiKey header="x-api-key"');
  });

  it('points OAuth clients at the protected-resource metadata, with the JWT error', async () => {
    const jwt = {
      ...defaultOptions().http.auth,
      jwt: {
        jwksUrl: 'http://127.0.0.1/j',
        issuer: 'i',
        audiences: ['a'],
        clientIds: [],
        scopes: ['s'],
        authorizationServers: ['i'],
      },
    };
    const authenticate = createAuthenticator(jwt, async () => ({
      ok: false,
      status: 403,
      error: 'insufficient_scope',
      description: 'the token lacks the scope s',
    }));
    const result = await authenticate({ authorization: 'Bearer a.b.c' }, metadata);
    expect(result).toMatchObject({ ok: false, status: 403 });
    expect(!result.ok && result.wwwAuthenticate).toBe(
      `Bearer resource_metadata="${metadata}", error="insufficient_scope", error_description="the token lacks the scope s", scope="s"`,
    );
  });

  it('tells a JWKS outage apart from a bad token in the message', async () => {
    const jwt = {
      ...defaultOptions().http.auth,
      jwt: {
        jwksUrl: 'http://127.0.0.1/j',
        issuer: 'i',
        audiences: ['a'],
        clientIds: [],
        scopes: [],
        authorizationServers: ['i'],
      },
    };
    const authenticate = createAuthenticator(jwt, async () => ({
      ok: false,
      status: 503,
      error: 'temporarily_unavailable',
      description: 'the signing keys (JWKS) cannot be fetched right now',
    }));
    const result = await authenticate({ authorization: 'Bearer a.b.c' }, metadata);
    expect(result).toMatchObject({
      ok: false,
      status: 503,
      message: 'authentication unavailable: the signing keys (JWKS) cannot be fetched right now; retry later',
    });
  });
  it('lets everything through as anonymous when no method is configured (loopback only)', async () => {
    expect(await createAuthenticator(defaultOptions().http.auth)({}, metadata)).toEqual({
      ok: true,
      identity: 'anonymous',
    });
  });

  it('compares secrets of any length without throwing', () => {
    const set = new SecretSet(['short', 'a much longer secret']);
    expect(set.indexOf('a much longer secret')).toBe(1);
    expect(set.indexOf('')).toBe(-1);
    expect(set.indexOf('x'.repeat(10_000))).toBe(-1);
  });
});
