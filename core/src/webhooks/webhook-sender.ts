import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedTarget } from './webhook-target';

/**
 * One POST to a webhook, connected to the address that was checked (`target.address`) whatever
 * the name would resolve to now: the socket's DNS lookup is replaced by that answer, while the
 * Host header, TLS SNI and certificate check still use the URL's host name. Redirects are not
 * followed (a 3xx is an unsuccessful answer). Resolves with the answer's status; rejects when no
 * answer came within `timeoutMs` (connecting included) or the connection failed.
 */
export function postOnce(target: ResolvedTarget, body: string, headers: Record<string, string>, timeoutMs: number): Promise<number> {
  const { url, address, family } = target;
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const secure = url.protocol === 'https:';
  return new Promise<number>((resolve, reject) => {
    const req = (secure ? https : http).request({
      method: 'POST',
      host,
      port: url.port || (secure ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: pinned,
      agent: false,
      ...(secure && !host.includes(':') && !/^[\d.]+$/.test(host) ? { servername: host } : {}),
    });
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('response', (res) => {
      clearTimeout(timer);
      // Only the status matters; the body is not read.
      res.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(body);
  });
}
