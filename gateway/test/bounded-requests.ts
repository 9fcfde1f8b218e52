import type { GqlResponse, GqlResult } from './harness';

/**
 * Requests for fault tests, each with a deadline: the faults under test are the kind that make
 * a server hang rather than fail, and a test must end either way. A deadline is a safety net
 * (the test fails when it passes), never a claim about speed — except `healthzWithinASecond`,
 * the one timing the resilience requirements ask for.
 */

/** Long enough for any answer on a loaded two-core machine; a hung server never answers. */
export const ANSWER_DEADLINE_MS = 20_000;

/** POST /graphql; fails (AbortError) if no answer comes before the deadline. */
export async function gqlWithin<T = unknown>(
  base: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
  deadlineMs = ANSWER_DEADLINE_MS,
): Promise<GqlResponse<T>> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(deadlineMs),
  });
  return { status: res.status, ...((await res.json()) as GqlResult<T>) };
}

/** GET `path`'s status; fails if no answer comes before the deadline. */
export async function statusWithin(base: string, path: string, deadlineMs = ANSWER_DEADLINE_MS): Promise<number> {
  const res = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(deadlineMs) });
  await res.arrayBuffer();
  return res.status;
}

/** /healthz answers 200 within a second (the process is up and its event loop free). */
export async function healthzWithinASecond(base: string): Promise<void> {
  const started = performance.now();
  const status = await statusWithin(base, '/healthz', 1000);
  const took = performance.now() - started;
  expect(status).toBe(200);
  expect(took).toBeLessThan(1000);
}

/** Retries `attempt` until it returns true or the deadline passes (then fails, saying what was awaited). */
export async function eventuallyWithin(attempt: () => Promise<boolean>, what: string, deadlineMs = 60_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    if (await attempt().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
