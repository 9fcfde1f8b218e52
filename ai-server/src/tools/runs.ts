import { runChangesSchema, runFields } from '@maratron/domain';
import { z } from 'zod';
import { toolOutput } from '../tool-results';
import { runJson, runOutput } from '../tools';
import { writes } from './annotations';
import { idArgument, isoDateTime } from './arguments';
import { defineTool } from './definition';

// Correcting and deleting runs: RunsService.update / delete, as updateRun and deleteRun.

const runId = idArgument('The run (one of yours)');

export const updateRun = defineTool({
  name: 'update_run',
  description:
    "Corrects one of the runner's runs (the same rules as the app's updateRun): only the fields given change; null clears a name, notes, climb, heart rate or shoe.",
  input: runChangesSchema.extend({
    runId,
    startedAt: isoDateTime(runFields.startedAt, 'when the run started (not before 1900, not in the future)').nullish(),
    distance: runChangesSchema.shape.distance.describe('Metres'),
    duration: runChangesSchema.shape.duration.describe('Moving time, whole seconds'),
    elevationGain: runChangesSchema.shape.elevationGain.describe('Metres climbed; null clears it'),
    averageHeartRate: runChangesSchema.shape.averageHeartRate.describe('Beats per minute; null clears it'),
    visibility: runChangesSchema.shape.visibility.describe('Who may see it'),
    hideTrack: runChangesSchema.shape.hideTrack.describe('true: the map is for the runner only'),
    shoeId: runChangesSchema.shape.shoeId.describe('One of your active shoes; null takes the shoe off the run'),
  }),
  output: toolOutput({ run: runOutput }),
  annotations: writes('Correct a run', { destructive: true, idempotent: true }),
  async run(s, ctx, { runId: id, ...changes }) {
    return { run: runJson(await s.runs.update(ctx, id, changes)) };
  },
  summary: ({ run }) => `Updated run ${run.name ?? run.startedAt.slice(0, 10)}: ${run.distanceKm} km in ${run.time} (${run.pace}).`,
});

export const deleteRun = defineTool({
  name: 'delete_run',
  description: "Deletes one of the runner's runs for good, with everything recorded for it (as the app's deleteRun).",
  input: z.object({ runId }),
  output: toolOutput({ deletedRunId: z.string() }),
  annotations: writes('Delete a run', { destructive: true, idempotent: false }),
  async run(s, ctx, { runId: id }) {
    return { deletedRunId: await s.runs.delete(ctx, id) };
  },
  summary: ({ deletedRunId }) => `Deleted run ${deletedRunId}.`,
});
