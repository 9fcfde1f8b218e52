import { EARTH_MEAN_RADIUS_M, haversineDistance } from './geo';

describe('haversineDistance', () => {
  it('is zero for the same point', () => {
    expect(haversineDistance({ lat: 48.1, lon: 11.5 }, { lat: 48.1, lon: 11.5 })).toBe(0);
  });

  it('measures one degree of latitude as 2πR/360 ≈ 111.195 km', () => {
    const d = haversineDistance({ lat: 10, lon: 20 }, { lat: 11, lon: 20 });
    expect(d).toBeCloseTo((2 * Math.PI * EARTH_MEAN_RADIUS_M) / 360, 3);
    expect(d / 1000).toBeCloseTo(111.195, 3);
  });

  it('shrinks a degree of longitude by cos(latitude)', () => {
    const d = haversineDistance({ lat: 60, lon: 0 }, { lat: 60, lon: 1 });
    expect(d / 1000).toBeCloseTo(111.195 * Math.cos(Math.PI / 3), 1);
  });

  it('gives Paris–London ≈ 343.5 km within 0.5 %', () => {
    const paris = { lat: 48.8566, lon: 2.3522 };
    const london = { lat: 51.5074, lon: -0.1278 };
    const d = haversineDistance(paris, london);
    expect(Math.abs(d - 343_500) / 343_500).toBeLessThan(0.005);
    expect(haversineDistance(london, paris)).toBeCloseTo(d, 6);
  });

  it('handles the antimeridian and antipodes', () => {
    expect(haversineDistance({ lat: 0, lon: 179.9999 }, { lat: 0, lon: -179.9999 })).toBeCloseTo(22.24, 1);
    expect(haversineDistance({ lat: 0, lon: 0 }, { lat: 0, lon: 180 })).toBeCloseTo(Math.PI * EARTH_MEAN_RADIUS_M, 3);
  });

  it('resolves a one-metre step', () => {
    // 1 m north = 1 / R radians of latitude.
    const dLat = 1 / EARTH_MEAN_RADIUS_M / (Math.PI / 180);
    expect(haversineDistance({ lat: 45, lon: 7 }, { lat: 45 + dLat, lon: 7 })).toBeCloseTo(1, 6);
  });
});
