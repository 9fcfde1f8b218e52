import { z } from 'zod';
import { FollowPolicy, TrainingLevel, Units, Visibility, Weekday } from '../enums';
import { canonicalTimeZone } from '../time-zones';
import { keepIfNull } from './validate';
import { MAX_HEART_RATE_RANGE, RESTING_HEART_RATE_RANGE } from '../heart-rate-zones';

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_.]{3,30}$/, 'must be 3-30 letters, digits, dots or underscores');
export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email('must be an email address'));
export const passwordSchema = z.string().min(10, 'must be at least 10 characters').max(200);
const nameSchema = z.string().trim().min(1, 'must not be empty').max(100);
/** An IANA time zone name, stored in its canonical spelling (see canonicalTimeZone). */
export const timeZoneSchema = z
  .string()
  .trim()
  .transform((name, ctx) => {
    const zone = canonicalTimeZone(name);
    if (zone === null) ctx.addIssue({ code: 'custom', message: 'must be an IANA time zone such as Europe/London' });
    return zone ?? z.NEVER;
  });

export const signUpSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: nameSchema,
  username: usernameSchema,
  /** The browser's zone, sent by the web client; UTC when left out. */
  timeZone: timeZoneSchema.nullish(),
});
export type SignUp = z.output<typeof signUpSchema>;

export const trainingProfileSchema = z.object({
  level: z.enum(TrainingLevel).nullish(),
  goals: z.array(z.string().trim().min(1).max(200)).max(10).nullish(),
  weeklyDistanceGoal: z.number().min(0).max(1_000_000).nullish(),
  preferredDays: z
    .array(z.enum(Weekday))
    .max(7)
    .nullish()
    .transform((d) => (d ? [...new Set(d)] : d)),
  yearsRunning: z.number().int().min(0).max(100).nullish(),
  injuryNotes: z.string().trim().max(2000).nullish(),
  maxHeartRate: z.number().int().min(MAX_HEART_RATE_RANGE.min).max(MAX_HEART_RATE_RANGE.max).nullish(),
  restingHeartRate: z.number().int().min(RESTING_HEART_RATE_RANGE.min).max(RESTING_HEART_RATE_RANGE.max).nullish(),
  /** Null keeps the zone: a runner always has one. */
  timeZone: keepIfNull(timeZoneSchema),
});
export type TrainingProfileChanges = z.output<typeof trainingProfileSchema>;

export const profileChangesSchema = z.object({
  name: keepIfNull(nameSchema),
  bio: z
    .string()
    .trim()
    .max(500)
    .nullish()
    .transform((s) => (s === undefined ? undefined : s || null)),
  units: keepIfNull(z.enum(Units)),
  username: keepIfNull(usernameSchema),
  trainingProfile: keepIfNull(trainingProfileSchema),
  /** The visibility new runs and imports get when they name none. */
  defaultVisibility: keepIfNull(z.enum(Visibility)),
  followPolicy: keepIfNull(z.enum(FollowPolicy)),
});
export type ProfileChanges = z.output<typeof profileChangesSchema>;
