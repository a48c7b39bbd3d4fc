import type { IncomingHttpHeaders } from 'node:http';
import type { JwtOptions } from '../options';

/** Where RFC 9728 puts the metadata of a resource: `/.well-known/oauth-protected-resource` + its path. */
export const PROTECTED_RESOURCE_PREFIX = '/.well-known/oauth-protected-resource';

/** The public URL of the MCP endpoint: configured, or rebuilt from the (allow-listed) Host header. */
export function resourceUrl(jwt: JwtOptions, headers: IncomingHttpHeaders, path: string): string {
  if (jwt.resourceUrl) return jwt.resourceUrl;
  const forwarded = String(headers['x-forwarded-proto'] ?? '')
    .split(',')[0]
    ?.trim();
  const proto = forwarded === 'https' || forwarded === 'http' ? forwarded : 'http';
  return `${proto}://${headers.host ?? 'localhost'}${path}`;
}

/** The URL of the metadata document describing `resource`. */
export function metadataUrl(resource: string): string {
  const url = new URL(resource);
  return `${url.origin}${PROTECTED_RESOURCE_PREFIX}${url.pathname === '/' ? '' : url.pathname}`;
}

/** The RFC 9728 protected-resource metadata, so clients can find the authorization server. */
export function protectedResourceMetadata(jwt: JwtOptions, resource: string, name: string) {
  return {
    resource,
    authorization_servers: jwt.authorizationServers,
    bearer_methods_supported: ['header'],
    resource_name: name,
    ...(jwt.scopes.length > 0 && { scopes_supported: jwt.scopes }),
  };
}
