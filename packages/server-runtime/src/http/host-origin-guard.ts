import type { IncomingHttpHeaders } from 'node:http';
import { type HttpOptions, isLoopbackHost } from '../options';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** A Host header value: a name, an IPv4 address or a bracketed IPv6 address, and an optional port. */
const HOST_HEADER = /^(?:\[[0-9a-f:.]+\]|[a-z0-9_.-]+)(?::(\d{1,5}))?$/;

/** The host part of a Host header: `[::1]:8000` → `[::1]`, `Example.com:443` → `example.com`. */
export function hostName(host: string): string {
  const lower = host.toLowerCase();
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1);
  return lower.split(':')[0] ?? lower;
}

/** True when `host` (lower case) is a well-formed Host header that a URL can be built from. */
function validHostHeader(host: string): boolean {
  const match = HOST_HEADER.exec(host);
  return match !== null && Number(match[1] ?? 0) <= 65535 && URL.canParse(`http://${host}/`);
}

/** The names a server bound to loopback answers to: the usual ones and the address it listens on. */
function loopbackNames(bound: string): string[] {
  const lower = bound.toLowerCase();
  const name = lower.includes(':') && !lower.startsWith('[') ? `[${lower}]` : lower;
  return LOOPBACK_NAMES.includes(name) ? LOOPBACK_NAMES : [...LOOPBACK_NAMES, name];
}

/**
 * Why a request's Host or Origin is refused (DNS-rebinding protection), or undefined when it may
 * proceed. A Host header that is not a host and port is refused whatever the allow-list, since the
 * resource URL of the OAuth metadata is built from it.
 */
export function checkHostAndOrigin(headers: IncomingHttpHeaders, http: HttpOptions): string | undefined {
  const allowedHosts =
    http.allowedHosts.length > 0
      ? http.allowedHosts
      : isLoopbackHost(http.host)
        ? loopbackNames(http.host)
        : [];
  const host = String(headers.host ?? '').toLowerCase();
  if (host !== '' && !validHostHeader(host)) {
    return `Host "${host.slice(0, 100)}" is not a valid host and port`;
  }
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
