import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { launchGateway, stop } from './processes';

/** A stand-in OTLP/HTTP collector: records what the gateway exports. */
function startCollector() {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req
      .on('data', (c) => (body += c))
      .on('end', () => {
        if (req.url === '/v1/traces') bodies.push(body);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
  });
  return new Promise<{ url: string; bodies: string[]; close: () => void }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies, close: () => server.close() }),
    ),
  );
}

describe('tracing', () => {
  it('exports OpenTelemetry spans naming the GraphQL operation when OTEL_EXPORTER_OTLP_ENDPOINT is set', async () => {
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    const schema = `t_${randomBytes(6).toString('hex')}`;
    await admin.query(`CREATE SCHEMA ${schema}`);
    const collector = await startCollector();
    const gateway = await launchGateway(schema, { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_BSP_SCHEDULE_DELAY: '100' });
    try {
      await gateway.ready();
      await fetch(`${gateway.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query TracedPing { me { id } }', operationName: 'TracedPing' }),
      });
      const deadline = Date.now() + 10_000;
      while (!collector.bodies.some((b) => b.includes('TracedPing')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const traces = collector.bodies.join('\n');
      expect(traces).toContain('graphql.operation.name');
      expect(traces).toContain('TracedPing');
      expect(traces).toContain('maratron-gateway');
    } finally {
      await stop(gateway.child);
      collector.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  });
});
