import { z } from 'zod';
import { keepIfNull } from './validate';

const name = z.string().trim().min(1, 'must not be empty').max(100);
const brand = z
  .string()
  .trim()
  .max(100)
  .nullish()
  .transform((s) => (s ? s : null));
const maxDistance = z.number().min(1000, 'must be at least 1 km').max(5_000_000, 'must be at most 5,000 km');

export const newShoeSchema = z.object({
  name,
  brand,
  maxDistance: maxDistance.default(800_000),
  initialDistance: z.number().min(0).max(5_000_000).default(0),
  isDefault: z.boolean().default(false),
});
export type NewShoe = z.output<typeof newShoeSchema>;

export const shoeChangesSchema = z.object({
  name: keepIfNull(name),
  brand: brand.optional(),
  maxDistance: keepIfNull(maxDistance),
  isDefault: keepIfNull(z.boolean()),
});
export type ShoeChanges = z.output<typeof shoeChangesSchema>;
