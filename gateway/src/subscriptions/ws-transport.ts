// graphql-ws's server on `ws` sockets: what graphql-ws/use/ws does, holding less for each open
// connection. use/ws keeps the HTTP upgrade request (its headers, parser state and streams) for the
// connection's lifetime and gives every socket its own keep-alive interval, pong timer and six
// closures; at thousands of live subscribers that was a few KiB per connection (bench/RESULTS.md,
// "Fan-out across two gateways"). Here a connection keeps its client's address, one small object
// for graphql-ws and shared listeners, and one interval pings every socket.
import { CloseCode, handleProtocols } from 'graphql-ws';
import type { ServerOptions, WebSocket as GraphqlWsSocket } from 'graphql-ws';
import { makeServer } from 'graphql-ws';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '@maratron/core';

/** What each graphql-ws context carries as `extra`. */
export interface SocketExtra {
  socket: WebSocket;
  /** The client's address (the upgrade request's socket's), for rate limits and logs. */
  address: string;
}

/** A client that has not answered a ping within this long is cut off (graphql-ws/use/ws's default). */
export const KEEP_ALIVE_MS = 12_000;

const INTERNAL_ERROR = 'Internal server error';

/** The socket as graphql-ws drives it: methods on one object instead of closures per connection. */
class Transport implements GraphqlWsSocket {
  constructor(
    private readonly socket: WebSocket,
    private readonly logger: Logger,
  ) {}

  get protocol(): string {
    return this.socket.protocol;
  }

  send(data: string): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.socket.readyState !== this.socket.OPEN) return resolve();
      this.socket.send(data, (err) => (err ? reject(err) : resolve()));
    });
  }

  close(code?: number, reason?: string): void {
    this.socket.close(code, reason);
  }

  onMessage(cb: (data: string) => Promise<void>): void {
    this.socket.on('message', (data) => {
      cb(String(data)).catch((err: unknown) => {
        this.logger.error({ err }, 'graphql-ws message handling failed');
        this.socket.close(CloseCode.InternalServerError, INTERNAL_ERROR);
      });
    });
  }
}

/**
 * Serves graphql-ws on `wss` (graphql-transport-ws only). A socket error closes that socket with
 * 1011, a server error every socket; the detail goes to the log, never to the client.
 */
export function serveGraphqlWs<P extends Record<string, unknown>, E extends SocketExtra>(
  options: ServerOptions<P, E>,
  wss: WebSocketServer,
  logger: Logger,
  keepAliveMs = KEEP_ALIVE_MS,
): { dispose(): Promise<void> } {
  const server = makeServer(options);
  wss.options.handleProtocols = handleProtocols;
  // Sockets pinged by the last sweep that have not answered since.
  const unanswered = new WeakSet<WebSocket>();
  const closers = new WeakMap<WebSocket, (code: number, reason: string) => Promise<void>>();
  function answered(this: WebSocket) {
    unanswered.delete(this);
  }
  function failed(this: WebSocket, err: Error) {
    logger.error({ err }, 'graphql-ws socket error');
    this.close(CloseCode.InternalServerError, INTERNAL_ERROR);
  }
  function closed(this: WebSocket, code: number, reason: Buffer) {
    const close = closers.get(this);
    closers.delete(this);
    void close?.(code, String(reason));
  }
  const sweep = setInterval(() => {
    for (const socket of wss.clients) {
      if (socket.readyState !== socket.OPEN) continue;
      if (unanswered.has(socket)) {
        socket.terminate();
        continue;
      }
      unanswered.add(socket);
      socket.ping();
    }
  }, keepAliveMs);
  sweep.unref();

  wss.once('error', (err) => {
    logger.error({ err }, 'graphql-ws server error');
    for (const client of wss.clients) client.close(CloseCode.InternalServerError, INTERNAL_ERROR);
  });
  wss.on('connection', (socket, request) => {
    socket.once('error', failed);
    socket.on('pong', answered);
    socket.once('close', closed);
    // E adds only what the server's own hooks set later (ws-server.ts's connection state).
    const extra = { socket, address: request.socket.remoteAddress ?? 'unknown' } as E;
    closers.set(socket, server.opened(new Transport(socket, logger), extra));
  });

  return {
    async dispose() {
      clearInterval(sweep);
      for (const client of wss.clients) client.close(1001, 'Going away');
      wss.removeAllListeners();
      await new Promise<void>((resolve, reject) => wss.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
