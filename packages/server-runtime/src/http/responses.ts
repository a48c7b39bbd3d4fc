import type { ServerResponse } from 'node:http';

/** Sends a JSON body with a status and extra headers (ignored once headers went out). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * Refuses a request in the JSON-RPC error shape the MCP SDK's own transport uses, so clients show
 * the message; `code` is a stable string the client can branch on.
 */
export function sendRefusal(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(
    res,
    status,
    { jsonrpc: '2.0', error: { code: status === 413 ? -32600 : -32000, message, data: { code } }, id: null },
    headers,
  );
}
