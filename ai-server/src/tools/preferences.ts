import { notFound, profileChangesSchema, trainingProfileSchema, Units, Visibility } from '@maratron/domain';
import { requireViewer } from '@maratron/core';
import type { RequestContext, Services } from '@maratron/core';
import { z } from 'zod';
import { toolOutput } from '../tool-results';
import { reads, writes } from './annotations';
import { ruleSchema } from './arguments';
import { defineTool } from './definition';

// The runner's preferences: the units, the visibility new runs get and the training profile —
// the part of updateProfile (UsersService.updateProfile, the same rule: profileChangesSchema)
// about the training log. The account itself (name, username, bio, who may follow) stays the
// signed-in session's.

/** What update_preferences may change: these fields of updateProfile's input, with their rules. */
const preferencesChanges = profileChangesSchema.pick({ units: true, defaultVisibility: true, trainingProfile: true }).extend({
  units: profileChangesSchema.shape.units.describe('How distances and paces are shown'),
  defaultVisibility: profileChangesSchema.shape.defaultVisibility.describe('What new runs and imports get when they name no visibility'),
});

/** The training profile's fields: those its rule (TrainingProfileInput's) knows, so one added there is answered too. */
const trainingProfileFields = Object.keys(trainingProfileSchema.shape);

const preferences = toolOutput({
  units: z.enum(Units).describe('How distances and paces are shown'),
  defaultVisibility: z.enum(Visibility).describe('What new runs and imports get when they name no visibility'),
  trainingProfile: ruleSchema(trainingProfileSchema)
    .nullable()
    .describe('What the coach and the plan generator know about the runner; null until they fill it in'),
});

async function preferencesJson(s: Services, ctx: RequestContext): Promise<z.infer<typeof preferences>> {
  const viewerId = requireViewer(ctx);
  const [user, profile] = await Promise.all([s.users.me(ctx), ctx.loaders.trainingProfile.load(viewerId)]);
  if (!user) throw notFound('User');
  const fields: Record<string, unknown> | null = profile ? { ...profile } : null;
  return {
    units: user.units,
    defaultVisibility: user.defaultVisibility,
    trainingProfile: fields ? Object.fromEntries(trainingProfileFields.map((key) => [key, fields[key] ?? null])) : null,
  };
}

const said = (p: z.infer<typeof preferences>) =>
  `Units ${p.units}, new runs ${p.defaultVisibility}; training profile ${p.trainingProfile ? 'filled in' : 'not filled in yet'}.`;

export const getPreferences = defineTool({
  name: 'get_preferences',
  description: "The runner's preferences: units, the visibility new runs get, and their training profile (level, goals, days, ...).",
  input: z.object({}),
  output: preferences,
  annotations: reads('Get preferences'),
  run: (s, ctx) => preferencesJson(s, ctx),
  summary: said,
});

export const updatePreferences = defineTool({
  name: 'update_preferences',
  description:
    "Changes the runner's preferences (the same rules as the app's settings): only the fields given change, in the training profile too; null clears a training-profile field.",
  input: preferencesChanges,
  output: preferences,
  annotations: writes('Change preferences', { destructive: true, idempotent: true }),
  async run(s, ctx, changes) {
    await s.users.updateProfile(ctx, changes);
    return preferencesJson(s, ctx);
  },
  summary: (p) => `Saved. ${said(p)}`,
});
