import type { IncomingHttpHeaders } from 'node:http';
import { type HttpOptions, isLoopbackHost } from '../options';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** The host part of a Host header: `[::1]:8000` → `[::1]`, `Example.com:443` → `example.com`. */
export function hostName(host: string): string {
  const lower = host.toLowerCase();
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1);
  return lower.split(':')[0] ?? lower;
}

/** Why a request's Host or Origin is refused (DNS-rebinding protection), or undefined when it may proceed. */
export function checkHostAndOrigin(headers: IncomingHttpHeaders, http: HttpOptions): string | undefined {
  const allowedHosts =
    http.allowedHosts.length > 0 ? http.allowedHosts : isLoopbackHost(http.host) ? LOOPBACK_NAMES : [];
  const host = String(headers.host ?? '').toLowerCase();
  if (allowedHosts.length > 0 && !allowedHosts.includes(host) && !allowedHosts.includes(hostName(host))) {
    return `Host "${host.slice(0, 100)}" is not allowed (--allowed-hosts)`;
  }
  const origin = headers.origin;
  if (origin !== undefined) {
    const normalised = origin.toLowerCase().replace(/\/$/, '');
    if (!http.allowedOrigins.includes('*') && !http.allowedOrigins.includes(normalised)) {
      return `Origin "${origin.slice(0, 100)}" is not allowed (--allowed-origins)`;
    }
  }
  return undefined;
}
