import { describe, expect, it } from 'vitest';
import { MAX_EXCERPT_CHARS, quoteLine, redactSecrets } from './quote-line';

describe('quoteLine', () => {
  it('caps the length and strips control characters', () => {
    const quoted = quoteLine(`\u001b[31mred\u001b[0m ${'x'.repeat(5000)}`);
    expect(quoted.length).toBeLessThanOrEqual(MAX_EXCERPT_CHARS);
    expect(quoted.includes('\u001b')).toBe(false);
    expect(quoted.endsWith('…')).toBe(true);
  });

  it('masks credentials', () => {
    expect(
      redactSecrets('password=hunter2 token: abc.def AKIAABCDEFGHIJKLMNOP Bearer eyJhbGciOiJIUzI1NiJ9.x'),
    ).toBe('password=<redacted> token: <redacted> <redacted-access-key> Bearer <redacted>');
  });

  it('masks JWTs, Basic credentials, URL passwords, secret flags and private keys, and leaves ordinary lines alone', () => {
    const jwt =
      'eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    const line = [
      `token ${jwt}`,
      'Authorization: Basic dXNlcjpodW50ZXIy',
      'dial https://admin:Sup3rS3cret@db.internal:5432/app',
      'exec /bin/app --db-password Sup3rS3cret --verbose',
      '-----BEGIN RSA PRIVATE KEY----- MIIEowIBAAKCAQEA',
    ].join(' | ');
    const masked = redactSecrets(line);
    for (const secret of [jwt, 'dXNlcjpodW50ZXIy', 'Sup3rS3cret', 'MIIEowIBAAKCAQEA'])
      expect(masked).not.toContain(secret);
    expect(masked).toContain('https://<redacted>@db.internal:5432/app');
    expect(masked).toContain('--db-password <redacted> --verbose');
    const ordinary =
      'I1123 kubelet.go:2412] "SyncLoop (PLEG): event for pod" pod="kube-system/aws-node-7x2kq" --v=2';
    expect(redactSecrets(ordinary)).toBe(ordinary);
  });

  it('masks kubeconfig client keys and secrets under JSON-quoted keys', () => {
    const key = 'LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFb3dJQkFBS0NBUUVB';
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYz8Tr1aL3q9';
    for (const line of [
      `    client-key-data: ${key}`,
      `{"client-key-data":"${key}"}`,
      `{"SecretAccessKey": "${secret}", "Expiration": "2026-03-14T10:00:00Z"}`,
      `{"level":"debug","msg":"env","password":"${secret}"}`,
      `{"name":"AWS_SECRET_ACCESS_KEY","value":"${secret}"}`,
    ]) {
      const masked = redactSecrets(line);
      expect(masked, line).not.toContain(key);
      expect(masked, line).not.toContain(secret);
      expect(masked, line).toContain('<redacted>');
    }
    const certificate = '    client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==';
    expect(redactSecrets(certificate)).toBe(certificate);
  });
});
