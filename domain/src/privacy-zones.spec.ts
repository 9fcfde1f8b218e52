import { EARTH_MEAN_RADIUS_M } from './geo';
import { insidePrivacyZone, outsidePrivacyZones } from './privacy-zones';
import { parseInput, privacyZoneSchema } from './rules';
import { DomainError } from './rules/errors';

/** Metres north of a latitude, in degrees, on the domain's sphere. */
const north = (metres: number) => (metres / EARTH_MEAN_RADIUS_M) * (180 / Math.PI);

describe('privacy zones', () => {
  const home = { latitude: 51.5, longitude: -0.12, radius: 200 };

  it('holds a point at most the radius from the centre, by the haversine distance', () => {
    expect(insidePrivacyZone({ lat: 51.5, lon: -0.12 }, home)).toBe(true);
    expect(insidePrivacyZone({ lat: 51.5 + north(199.9), lon: -0.12 }, home)).toBe(true);
    expect(insidePrivacyZone({ lat: 51.5 + north(200.1), lon: -0.12 }, home)).toBe(false);
  });

  it("leaves out a track's points inside any zone, keeping the others in order", () => {
    const work = { latitude: 51.52, longitude: -0.1, radius: 100 };
    const track = [
      [51.5, -0.12, 10],
      [51.5 + north(500), -0.12, 11],
      [51.52, -0.1],
      [51.5 + north(900), -0.12],
    ];
    expect(outsidePrivacyZones(track, [home, work])).toEqual([track[1], track[3]]);
    expect(outsidePrivacyZones(track, [])).toEqual(track);
  });

  it('accepts radii of 100-2,000 m and positions on the globe, naming the field otherwise', () => {
    const ok = { name: ' Home ', latitude: 51.5, longitude: -0.12, radius: 100 };
    expect(parseInput(privacyZoneSchema, ok)).toEqual({ ...ok, name: 'Home' });
    const refusal = (input: object) => {
      try {
        parseInput(privacyZoneSchema, { ...ok, ...input });
      } catch (e: unknown) {
        if (e instanceof DomainError) return { field: e.field, message: e.message };
      }
      return null;
    };
    expect(refusal({ radius: 99 })).toEqual({ field: 'radius', message: 'Radius must be at least 100 m' });
    expect(refusal({ radius: 2001 })).toEqual({ field: 'radius', message: 'Radius must be at most 2,000 m' });
    expect(refusal({ latitude: 90.5 })).toEqual({ field: 'latitude', message: 'Latitude must be between -90 and 90' });
    expect(refusal({ longitude: -181 })).toEqual({ field: 'longitude', message: 'Longitude must be between -180 and 180' });
    expect(refusal({ name: '  ' })?.field).toBe('name');
    expect(refusal({ name: 'x'.repeat(101) })?.field).toBe('name');
  });
});
