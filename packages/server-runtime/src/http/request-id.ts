import { randomUUID } from 'node:crypto';

/** The caller's `x-request-id` when it is a short safe token (a load balancer's trace id), else a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && /^[\w.:-]{1,128}$/.test(header) ? header : randomUUID();
}
