// HTTP requests on a connection of their own, for tests that pause for seconds between requests
// (building large files): a keep-alive socket left idle past the server's 5 s keep-alive timeout
// can be closed by the server just as fetch reuses it ("other side closed").
import http from 'node:http';
import type { GqlResult } from './harness';

export async function freshRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: Uint8Array | string } = {},
) {
  const body =
    init.body === undefined
      ? undefined
      : typeof init.body === 'string'
        ? Buffer.from(init.body)
        : Buffer.from(init.body.buffer, init.body.byteOffset, init.body.byteLength);
  return new Promise<{ status: number; json(): unknown }>((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: init.method ?? 'GET',
        agent: false,
        headers: { ...init.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, json: () => JSON.parse(text) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A GraphQL request on a connection of its own: the response body. */
export async function freshGql<T = unknown>(
  base: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GqlResult<T>> {
  const res = await freshRequest(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return res.json() as GqlResult<T>;
}
