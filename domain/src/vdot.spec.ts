import { fractionOfVo2MaxSustained, predictTimeFromVdot, riegel, trainingPaces, vdotFromRace, velocityAtVo2, vo2AtVelocity } from './vdot';

const hms = (h: number, m: number, s: number): number => h * 3600 + m * 60 + s;

describe('Daniels–Gilbert building blocks', () => {
  it('inverts the oxygen-cost quadratic', () => {
    for (const v of [150, 200, 268.4, 350]) expect(velocityAtVo2(vo2AtVelocity(v))).toBeCloseTo(v, 9);
  });

  it('sustains ~100 % of VO2max for ~10 min and ~80 % (+tail) for hours', () => {
    expect(fractionOfVo2MaxSustained(11)).toBeCloseTo(1.0, 1);
    expect(fractionOfVo2MaxSustained(600)).toBeCloseTo(0.8, 3);
  });
});

describe('vdotFromRace (Daniels tables)', () => {
  it('5K in 19:57 is VDOT ≈ 50', () => {
    expect(Math.abs(vdotFromRace(5000, hms(0, 19, 57))! - 50)).toBeLessThanOrEqual(0.5);
  });

  it('5K in 17:03 is VDOT ≈ 60', () => {
    expect(Math.abs(vdotFromRace(5000, hms(0, 17, 3))! - 60)).toBeLessThanOrEqual(0.5);
  });

  it('agrees across distances for the same table row (VDOT 50: 10K 41:21, marathon 3:10:49)', () => {
    expect(Math.abs(vdotFromRace(10000, hms(0, 41, 21))! - 50)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(vdotFromRace(42195, hms(3, 10, 49))! - 50)).toBeLessThanOrEqual(0.5);
  });

  it('is null outside the validated range', () => {
    expect(vdotFromRace(1000, 180 + 60)).toBeNull(); // under 1500 m
    expect(vdotFromRace(1500, 200)).toBeNull(); // under 3.5 min
    expect(vdotFromRace(1500, 210)).not.toBeNull();
    expect(vdotFromRace(50000, hms(5, 0, 1))).toBeNull(); // over 5 h
    expect(vdotFromRace(42195, hms(5, 0, 0))).not.toBeNull();
    expect(vdotFromRace(Number.NaN, 1200)).toBeNull();
  });
});

describe('predictTimeFromVdot', () => {
  it('predicts a 3:10:49 marathon (±2 min) from a 19:57 5K', () => {
    const vdot = vdotFromRace(5000, hms(0, 19, 57))!;
    expect(Math.abs(predictTimeFromVdot(vdot, 42195) - hms(3, 10, 49))).toBeLessThanOrEqual(120);
  });

  it('inverts vdotFromRace', () => {
    for (const [d, t] of [
      [1500, 300],
      [5000, 1500],
      [21097.5, hms(1, 45, 0)],
      [42195, hms(4, 30, 0)],
    ]) {
      expect(predictTimeFromVdot(vdotFromRace(d, t)!, d)).toBeCloseTo(t, 3);
    }
  });

  it('rejects impossible inputs', () => {
    expect(() => predictTimeFromVdot(50, 0)).toThrow(RangeError);
    expect(() => predictTimeFromVdot(1000, 5000)).toThrow(RangeError);
  });
});

describe('riegel', () => {
  it('turns a 40:00 10K into a ≈ 3:04:00 marathon (±1 min)', () => {
    expect(Math.abs(riegel(hms(0, 40, 0), 10000, 42195) - hms(3, 4, 0))).toBeLessThanOrEqual(60);
  });

  it('is the identity for the same distance and takes another exponent', () => {
    expect(riegel(1500, 5000, 5000)).toBe(1500);
    expect(riegel(1000, 5000, 10000, 1)).toBeCloseTo(2000, 9);
    expect(() => riegel(1000, 0, 10000)).toThrow(RangeError);
  });
});

describe('trainingPaces', () => {
  const paces = trainingPaces(50);

  it('gives ≈ 4:15/km threshold for VDOT 50 (±8 s)', () => {
    expect(Math.abs(paces.threshold - 255)).toBeLessThanOrEqual(8);
  });

  it('matches the rest of the VDOT 50 row within 8 s/km (E 5:01–5:38, M 4:31, I 3:55, R 3:41)', () => {
    expect(paces.easy).toBeGreaterThanOrEqual(301 - 8);
    expect(paces.easy).toBeLessThanOrEqual(338);
    expect(paces.long).toBeGreaterThanOrEqual(301 - 8);
    expect(paces.long).toBeLessThan(paces.easy);
    expect(Math.abs(paces.marathon - 271)).toBeLessThanOrEqual(8);
    expect(Math.abs(paces.interval - 235)).toBeLessThanOrEqual(8);
    expect(Math.abs(paces.repetition - 221)).toBeLessThanOrEqual(8);
  });

  it('orders paces from slow to fast and speeds up with VDOT', () => {
    expect(paces.easy).toBeGreaterThan(paces.long);
    expect(paces.long).toBeGreaterThan(paces.marathon);
    expect(paces.marathon).toBeGreaterThan(paces.threshold);
    expect(paces.threshold).toBeGreaterThan(paces.interval);
    expect(paces.interval).toBeGreaterThan(paces.repetition);
    expect(trainingPaces(60).threshold).toBeLessThan(paces.threshold);
    expect(() => trainingPaces(0)).toThrow(RangeError);
  });
});
