// /healthz polled while a test attacks or breaks something: the resilience tests' one timing check
// (the "keeps answering within a second").
import http from 'node:http';

/**
 * The status of a GET on a connection of its own (a reused keep-alive socket could be closed by the
 * server just as it is reused), or null for no answer within 10 s.
 */
export function statusOf(url: string): Promise<number | null> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? null));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
  });
}

/** One GET /healthz: its time in ms, or Infinity without a 200. */
async function healthz(base: string): Promise<number> {
  const started = performance.now();
  return (await statusOf(`${base}/healthz`)) === 200 ? performance.now() - started : Infinity;
}

/** Polls /healthz every 100 ms (at most `maxMs`) until stopped. */
export function watchHealth(base: string, maxMs = 230_000) {
  const times: number[] = [];
  let stopped = false;
  const polling = (async () => {
    const deadline = Date.now() + maxMs;
    for (let i = 0; i < 5000 && !stopped && Date.now() < deadline; i++) {
      times.push(await healthz(base));
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    /** Stops polling; each answer's time in ms (Infinity for none). */
    async stop(): Promise<number[]> {
      stopped = true;
      await polling;
      return times;
    },
  };
}

export type HealthWatch = ReturnType<typeof watchHealth>;

/** Every /healthz answer came, and within a second. */
export async function expectHealthyThroughout(health: HealthWatch): Promise<void> {
  const times = await health.stop();
  expect(times.length).toBeGreaterThan(0);
  expect(Math.max(...times)).toBeLessThan(1000);
}
