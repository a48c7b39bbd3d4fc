import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';

/** An identity provider on loopback: a JWKS at /jwks.json and a signer for tokens of its issuer. */
export interface TestIdentityProvider {
  issuer: string;
  jwksUrl: string;
  /** Signs claims (iss defaults to the issuer) valid for `expiresIn` (`5m`, or an absolute epoch second). */
  sign(claims: JWTPayload, expiresIn?: string | number): Promise<string>;
  close(): Promise<void>;
}

/** Starts the provider on 127.0.0.1 with a fresh ES256 key. */
export async function startIdentityProvider(): Promise<TestIdentityProvider> {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'ES256', use: 'sig' };
  const server: Server = createServer((req, res) => {
    if (req.url !== '/jwks.json') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer: base,
    jwksUrl: `${base}/jwks.json`,
    sign: (claims, expiresIn = '5m') =>
      new SignJWT({ iss: base, ...claims })
        .setProtectedHeader({ alg: 'ES256', kid: 'test-key' })
        .setIssuedAt()
        .setExpirationTime(expiresIn)
        .sign(privateKey),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
