import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../options';
import { checkHostAndOrigin, hostName } from './host-origin-guard';

const loopback = defaultOptions().http;

describe('DNS-rebinding protection', () => {
  it('accepts loopback Host names, with any port, when bound to loopback', () => {
    for (const host of ['localhost:8000', '127.0.0.1:1234', '[::1]:8000', 'LOCALHOST']) {
      expect(checkHostAndOrigin({ host }, loopback)).toBeUndefined();
    }
    expect(checkHostAndOrigin({ host: 'evil.example.com:8000' }, loopback)).toMatch(/Host .* is not allowed/);
  });

  it('accepts the loopback address it is bound to, not only the usual names', () => {
    for (const host of ['127.0.0.2', '[::1]']) {
      const bound = { ...loopback, host };
      expect(checkHostAndOrigin({ host: `${host}:8000` }, bound)).toBeUndefined();
      expect(checkHostAndOrigin({ host: 'evil.example.com' }, bound)).toMatch(/not allowed/);
    }
  });

  it('refuses a Host header that is not a host and port, whatever the allow-list', () => {
    const open = { ...loopback, host: '0.0.0.0' };
    for (const host of ['a b', 'ex"ample', 'x:99999', '[::1', 'a/b']) {
      expect(checkHostAndOrigin({ host }, open)).toMatch(/not a valid host/);
    }
    expect(checkHostAndOrigin({}, open)).toBeUndefined();
  });

  it('checks Host only against the allow-list when bound beyond loopback', () => {
    const open = { ...loopback, host: '0.0.0.0' };
    expect(checkHostAndOrigin({ host: 'mcp.internal:443' }, open)).toBeUndefined();
    const listed = { ...open, allowedHosts: ['mcp.example.com'] };
    expect(checkHostAndOrigin({ host: 'mcp.example.com' }, listed)).toBeUndefined();
    expect(checkHostAndOrigin({ host: 'other.example.com' }, listed)).toMatch(/not allowed/);
  });

  it('refuses any Origin not allow-listed, and accepts requests without one', () => {
    expect(checkHostAndOrigin({ host: 'localhost', origin: 'http://evil.example.com' }, loopback)).toMatch(
      /Origin .* is not allowed/,
    );
    const listed = { ...loopback, allowedOrigins: ['https://app.example.com'] };
    expect(
      checkHostAndOrigin({ host: 'localhost', origin: 'https://app.example.com/' }, listed),
    ).toBeUndefined();
  });

  it('takes the host name out of a Host header', () => {
    expect(hostName('[::1]:8000')).toBe('[::1]');
    expect(hostName('Example.com:443')).toBe('example.com');
  });
});
