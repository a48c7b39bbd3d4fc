import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JwtOptions } from '../options';
import { createJwtVerifier, tokenScopes } from './jwt-verifier';

const options: JwtOptions = {
  jwksUrl: 'http://127.0.0.1/jwks.json',
  issuer: 'https://idp.test',
  audiences: ['faultline'],
  clientIds: [],
  scopes: ['faultline/read'],
  authorizationServers: ['https://idp.test'],
};

let sign: (claims: JWTPayload, exp?: string | number) => Promise<string>;
let verify: ReturnType<typeof createJwtVerifier>;
let keys: ReturnType<typeof createLocalJWKSet>;

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' };
  keys = createLocalJWKSet({ keys: [jwk] });
  verify = createJwtVerifier(options, keys);
  sign = (claims, exp = '5m') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(privateKey);
});

const good = {
  iss: 'https://idp.test',
  aud: 'faultline',
  sub: 'agent',
  client_id: 'devops',
  scope: 'faultline/read',
};

describe('JWT verification', () => {
  it('accepts a token with the right issuer, audience and scope', async () => {
    expect(await verify(await sign(good))).toMatchObject({
      ok: true,
      clientId: 'devops',
      scopes: ['faultline/read'],
    });
  });

  it.each([
    ['a wrong audience', { ...good, aud: 'someone-else' }, undefined, 401, /wrong audience/],
    ['a wrong issuer', { ...good, iss: 'https://evil.test' }, undefined, 401, /wrong issuer/],
    ['an expired token', good, Math.floor(Date.now() / 1000) - 60, 401, /expired/],
    ['a missing scope', { ...good, scope: 'other' }, undefined, 403, /lacks the scope faultline\/read/],
  ])('refuses %s', async (_label, claims, exp, status, description) => {
    const check = await verify(await sign(claims, exp));
    expect(check).toMatchObject({ ok: false, status });
    expect(!check.ok && check.description).toMatch(description);
  });

  it('refuses a token signed by another key, and garbage', async () => {
    const other = await generateKeyPair('ES256');
    const forged = await new SignJWT(good)
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setExpirationTime('5m')
      .sign(other.privateKey);
    expect(await verify(forged)).toMatchObject({ ok: false, status: 401 });
    expect(await verify('a.b.c')).toMatchObject({ ok: false, status: 401 });
  });

  it('checks client_id when told to (Cognito access tokens carry no aud)', async () => {
    const cognito = createJwtVerifier({ ...options, audiences: [], clientIds: ['devops'], scopes: [] }, keys);
    const { aud: _aud, ...noAudience } = good;
    expect(await cognito(await sign(noAudience))).toMatchObject({ ok: true, clientId: 'devops' });
    expect(await cognito(await sign({ ...noAudience, client_id: 'intruder' }))).toMatchObject({
      ok: false,
      description: 'wrong client: client_id not accepted',
    });
  });

  it('reads scopes from scope or scp', () => {
    expect(tokenScopes({ scope: 'a b' })).toEqual(['a', 'b']);
    expect(tokenScopes({ scp: ['c', 'd'] })).toEqual(['c', 'd']);
  });
  it.each([
    ['answers 500', 500, 'oops'],
    ['answers invalid JSON', 200, '{not json'],
    ['answers something else than a key set', 200, '{"keys":"none"}'],
  ])('answers 503 (not 401) while the JWKS %s: the token may be fine', async (_label, status, body) => {
    const jwks = createServer((_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body);
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = jwks.address() as AddressInfo;
      const remote = createJwtVerifier({ ...options, jwksUrl: `http://127.0.0.1:${port}/jwks.json` });
      expect(await remote(await sign(good))).toMatchObject({
        ok: false,
        status: 503,
        error: 'temporarily_unavailable',
      });
    } finally {
      jwks.close();
    }
  });
  it('says why a claim is refused in words, not in jose reason codes', async () => {
    const notYet = await verify(await sign({ ...good, nbf: Math.floor(Date.now() / 1000) + 600 }));
    expect(!notYet.ok && notYet.description).toBe('the token is not valid yet (nbf)');
    const issuer = await verify(await sign({ ...good, iss: 'https://evil.test' }));
    expect(!issuer.ok && issuer.description).toBe('wrong issuer: iss not accepted');
  });
});
