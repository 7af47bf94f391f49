import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP request with full control of headers (fetch forbids setting Host); reads the whole body. */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The JSON-RPC error code and message in a response body. */
export function rpcError(body: string): { code: number; message: string } {
  return (JSON.parse(body) as { error: { code: number; message: string } }).error;
}

export const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
});

export const POST_HEADERS = {
  'content-type': 'application/json',
  'accept': 'application/json, text/event-stream',
};

/** One JSON-RPC message as a test reads it back. */
export interface RpcMessage {
  jsonrpc: '2.0';
  id?: string | number | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

/** The JSON-RPC messages a response carried: its JSON body (one or a batch), or each SSE event's data. */
export function rpcMessages(res: RawResponse): RpcMessage[] {
  const type = String(res.headers['content-type'] ?? '');
  if (!type.includes('text/event-stream')) {
    const value = JSON.parse(res.body) as RpcMessage | RpcMessage[];
    return Array.isArray(value) ? value : [value];
  }
  return res.body
    .split('\n')
    .filter((line) => line.startsWith('data:') && line.slice('data:'.length).trim() !== '')
    .map((line) => JSON.parse(line.slice('data:'.length)) as RpcMessage);
}
