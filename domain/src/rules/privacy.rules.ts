import { z } from 'zod';

/** A privacy zone's radius, metres: big enough to hide a front door, small enough to leave a run a map. */
export const PRIVACY_ZONE_MIN_RADIUS = 100;
export const PRIVACY_ZONE_MAX_RADIUS = 2000;

/** addPrivacyZone's input: a named circle around a place the runner keeps to themself. */
export const privacyZoneSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(100),
  latitude: z.number().min(-90, 'must be between -90 and 90').max(90, 'must be between -90 and 90'),
  longitude: z.number().min(-180, 'must be between -180 and 180').max(180, 'must be between -180 and 180'),
  radius: z
    .number()
    .min(PRIVACY_ZONE_MIN_RADIUS, `must be at least ${PRIVACY_ZONE_MIN_RADIUS} m`)
    .max(PRIVACY_ZONE_MAX_RADIUS, `must be at most ${PRIVACY_ZONE_MAX_RADIUS.toLocaleString('en')} m`),
});
export type NewPrivacyZone = z.output<typeof privacyZoneSchema>;
