import { newShoeSchema, shoeChangesSchema } from '@maratron/domain';
import type { Shoe } from '@maratron/schema';
import { requireViewer } from '@maratron/core';
import type { RequestContext, Services } from '@maratron/core';
import { z } from 'zod';
import { toolOutput } from '../tool-results';
import { reads, writes } from './annotations';
import { idArgument } from './arguments';
import { defineTool } from './definition';

// The runner's shoes: ShoesService, as the shoes query and createShoe / updateShoe / retireShoe.

const km = (m: number) => Math.round(m / 100) / 10;

const shoeOutput = z.object({
  id: z.string(),
  name: z.string(),
  brand: z.string().nullable(),
  isDefault: z.boolean().describe('Runs that name no shoe get it'),
  retired: z.boolean(),
  maxDistanceKm: z.number().describe('Expected life, km'),
  initialDistanceKm: z.number().describe('Km it had run before it was added'),
  distanceKm: z.number().describe('Km run in it, its initial distance included'),
  runCount: z.number().int(),
  usagePercent: z.number().int().describe('Share of its expected life used'),
});

async function shoeJson(s: Services, ctx: RequestContext, shoe: Shoe): Promise<z.infer<typeof shoeOutput>> {
  const { distance, runCount, usage } = await s.shoes.usage(ctx, shoe);
  return {
    id: shoe.id,
    name: shoe.name,
    brand: shoe.brand,
    isDefault: shoe.isDefault,
    retired: shoe.retired,
    maxDistanceKm: km(shoe.maxDistance),
    initialDistanceKm: km(shoe.initialDistance),
    distanceKm: km(distance),
    runCount,
    usagePercent: Math.round(usage * 100),
  };
}

const oneShoe = toolOutput({ shoe: shoeOutput });
const shoeId = idArgument('The shoe (one of yours)');
const said =
  (verb: string) =>
  ({ shoe }: z.infer<typeof oneShoe>) =>
    `${verb} shoe ${shoe.name}: ${shoe.distanceKm} of ${shoe.maxDistanceKm} km used (${shoe.usagePercent} %)${shoe.isDefault ? ', the default' : ''}.`;

export const listShoes = defineTool({
  name: 'list_shoes',
  description: "The runner's shoes with their usage: active ones, and retired ones too on request.",
  input: z.object({ includeRetired: z.boolean().optional().describe('Also retired shoes (default false)') }),
  output: toolOutput({ shoes: z.array(shoeOutput) }),
  annotations: reads('List shoes'),
  async run(s, ctx, { includeRetired }) {
    const shoes = await s.shoes.list(ctx, requireViewer(ctx), includeRetired ?? false);
    return { shoes: await Promise.all(shoes.map((shoe) => shoeJson(s, ctx, shoe))) };
  },
  summary: ({ shoes }) => (shoes.length ? `${shoes.length} shoes: ${shoes.map((x) => x.name).join(', ')}.` : 'No shoes.'),
});

export const addShoe = defineTool({
  name: 'add_shoe',
  description: 'Adds a shoe (as createShoe); as the default, runs that name no shoe get it.',
  input: newShoeSchema.extend({
    name: newShoeSchema.shape.name.describe('What the runner calls it'),
    maxDistance: newShoeSchema.shape.maxDistance.describe('Expected life, metres (default 800 km)'),
    initialDistance: newShoeSchema.shape.initialDistance.describe('Metres it has run already'),
  }),
  output: oneShoe,
  annotations: writes('Add a shoe', { destructive: false, idempotent: false }),
  async run(s, ctx, input) {
    return { shoe: await shoeJson(s, ctx, await s.shoes.create(ctx, input)) };
  },
  summary: said('Added'),
});

export const updateShoe = defineTool({
  name: 'update_shoe',
  description: 'Changes one of the shoes (as updateShoe): only the fields given change.',
  input: shoeChangesSchema.extend({
    shoeId,
    maxDistance: shoeChangesSchema.shape.maxDistance.describe('Expected life, metres'),
    isDefault: shoeChangesSchema.shape.isDefault.describe('Make it the default shoe (an active one only)'),
  }),
  output: oneShoe,
  annotations: writes('Change a shoe', { destructive: true, idempotent: true }),
  async run(s, ctx, { shoeId: id, ...changes }) {
    return { shoe: await shoeJson(s, ctx, await s.shoes.update(ctx, id, changes)) };
  },
  summary: said('Updated'),
});

export const retireShoe = defineTool({
  name: 'retire_shoe',
  description: 'Retires one of the shoes (as retireShoe): it keeps its runs, takes no new ones and stops being the default.',
  input: z.object({ shoeId }),
  output: oneShoe,
  // No tool (nor the app) brings a retired shoe back.
  annotations: writes('Retire a shoe', { destructive: true, idempotent: true }),
  async run(s, ctx, { shoeId: id }) {
    return { shoe: await shoeJson(s, ctx, await s.shoes.retire(ctx, id)) };
  },
  summary: said('Retired'),
});
