import fs from 'node:fs';
import path from 'node:path';
import { LocalEventBus, createLogger, loadConfig } from '@maratron/core';
import { buildGatewaySchema, printGatewaySchema } from './schema';
import { createGatewayServices } from './services';

/** Writes the gateway's SDL to schema/schema.graphql (committed; a test fails when it is stale). */
export const SCHEMA_FILE = path.resolve(__dirname, '..', '..', 'schema', 'schema.graphql');

export function currentSdl(): string {
  const services = createGatewayServices(
    {
      jwtSecret: 'unused',
      jwtTtlSeconds: 1,
      signInLimits: { perAccount: 1, perAddress: 1, windowSeconds: 1 },
      aiServerUrl: null,
      aiServerPort: 0,
      anthropic: { apiKey: null, model: 'unused', baseUrl: null },
      exports: { perUser: 1, reading: 1 },
      activityFiles: loadConfig({}).activityFiles,
      query: { maxCost: 1, trackMaxPoints: 2000, followRequestsMax: 1, blockedUsersMax: 1 },
      imports: { queueSchema: 'unused' },
      privacy: { zonesMax: 1 },
      publicUrl: 'http://localhost',
      mail: { smtpUrl: null, from: 'unused', outboxDir: 'unused' },
      passwordReset: { ttlSeconds: 1, perEmail: 1, perAddress: 1, windowSeconds: 1 },
      webhooks: loadConfig({}).webhooks,
    },
    null,
    new LocalEventBus(createLogger('silent')),
  );
  return printGatewaySchema(buildGatewaySchema(services));
}

if (require.main === module) {
  fs.writeFileSync(SCHEMA_FILE, currentSdl());
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
}
