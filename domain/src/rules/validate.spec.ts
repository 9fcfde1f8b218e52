import { DomainError } from './errors';
import { newRunSchema } from './run.rules';
import { profileChangesSchema, signUpSchema } from './user.rules';
import { fieldLabel, parseId, parseInput } from './validate';

/** The error parseInput/parseId throw, as the data every transport sends. */
function refusal(parse: () => unknown) {
  try {
    parse();
  } catch (error) {
    if (error instanceof DomainError) return error.toJSON();
    throw error;
  }
  throw new Error('expected bad input');
}

const run = { startedAt: new Date('2025-05-01T07:00:00Z'), distance: 10_000, duration: 3000 };

describe('parseInput', () => {
  it('names the field in `field` only, and says what is wrong in a sentence of its own', () => {
    expect(refusal(() => parseInput(newRunSchema, { ...run, distance: -5 }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'distance',
      message: 'Distance must be greater than 0',
    });
    expect(refusal(() => parseInput(newRunSchema, { ...run, startedAt: new Date(Date.now() + 3 * 86_400_000) }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'startedAt',
      message: 'Start time must not be in the future',
    });
    expect(
      refusal(() => parseInput(signUpSchema, { email: 'ann@example.com', password: 'short', name: 'Ann', username: 'ann' })),
    ).toMatchObject({
      field: 'password',
      message: 'Password must be at least 10 characters',
    });
  });

  it("keeps a nested field's dotted path and labels it by its own name", () => {
    expect(refusal(() => parseInput(profileChangesSchema, { trainingProfile: { yearsRunning: 120 } }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'trainingProfile.yearsRunning',
      message: 'Years running must be at most 100',
    });
    expect(refusal(() => parseInput(profileChangesSchema, { trainingProfile: { goals: ['x'.repeat(201)] } }))).toMatchObject({
      field: 'trainingProfile.goals.0',
      message: 'Goals must be at most 200 characters',
    });
  });

  it("words zod's own problems for a person, not a developer", () => {
    expect(refusal(() => parseInput(newRunSchema, { ...run, averageHeartRate: 300 })).message).toBe(
      'Average heart rate must be at most 250',
    );
    expect(refusal(() => parseInput(newRunSchema, { ...run, environment: 'MOON' })).message).toBe(
      'Environment must be one of OUTDOOR, TREADMILL, TRACK, TRAIL',
    );
    expect(refusal(() => parseInput(newRunSchema, { ...run, duration: undefined })).message).toBe('Duration is required');
    expect(refusal(() => parseInput(newRunSchema, { ...run, distance: 'far' })).message).toBe('Distance must be a number');
    expect(refusal(() => parseInput(newRunSchema, { ...run, shoeId: 'nope' })).message).toBe('Shoe ID is not valid');
  });
});

describe('parseId', () => {
  it('refuses what is not a UUID with the field named in `field`', () => {
    expect(refusal(() => parseId('nope', 'runId'))).toEqual({ code: 'BAD_USER_INPUT', field: 'runId', message: 'Run ID is not valid' });
    expect(parseId('6F9619FF-8B86-4D11-B42D-00C04FC964FF')).toBe('6f9619ff-8b86-4d11-b42d-00c04fc964ff');
  });
});

describe('fieldLabel', () => {
  it('splits camelCase into words, says ID, and skips list indexes', () => {
    expect(fieldLabel('weeklyDistanceGoal')).toBe('Weekly distance goal');
    expect(fieldLabel('input.conversationId')).toBe('Conversation ID');
    expect(fieldLabel('id')).toBe('ID');
    expect(fieldLabel('preferredDays.3')).toBe('Preferred days');
  });
});
