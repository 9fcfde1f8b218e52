import net from 'node:net';

/**
 * A TCP proxy in front of Redis that a test can cut and restore, or pause and resume, to take
 * Redis away from one gateway without stopping the machine's Redis (other test files use it).
 */
export async function startRedisProxy(redisUrl: string) {
  const target = new URL(redisUrl);
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;
  let paused = false;

  /** Copies `from` to `to` with backpressure, holding everything while the proxy is paused. */
  const forward = (from: net.Socket, to: net.Socket) => {
    from.on('data', (chunk) => {
      if (!to.write(chunk)) from.pause();
    });
    to.on('drain', () => {
      if (!paused) from.resume();
    });
    from.on('end', () => to.end());
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 6379), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
          // A connection made while paused is accepted and then hears nothing, like the others.
          if (paused) s.pause();
        }
        forward(client, upstream);
        forward(upstream, client);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });

  await listen();
  const url = new URL(redisUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    /** Drops every connection and refuses new ones, as if Redis went away. */
    async cut() {
      await new Promise<void>((resolve) => {
        server!.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
    /** Accepts connections again, on the same port. */
    restore: listen,
    /**
     * Redis hung: every connection stays open but no byte goes through in either direction
     * (what is sent waits in the sockets' buffers), as with a Redis that is stopped (SIGSTOP) or
     * a network that silently drops. New connections are accepted and hang the same way.
     */
    pause() {
      paused = true;
      for (const s of sockets) s.pause();
    },
    /** Lets the held bytes and everything after them through again. */
    resume() {
      paused = false;
      for (const s of sockets) s.resume();
    },
    async close() {
      paused = false;
      await this.cut().catch(() => undefined);
    },
  };
}
