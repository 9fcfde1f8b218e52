import { fitnessFromEfforts, MIN_VDOT } from './predictions';
import { RACE_DISTANCES } from './records';
import { predictTimeFromVdot, riegel, vdotFromRace } from './vdot';

const hms = (h: number, m: number, s: number): number => h * 3600 + m * 60 + s;

describe('fitnessFromEfforts', () => {
  it('takes VDOT from the best effort and predicts the Daniels table row (VDOT 50: 19:57 / 41:21 / 1:31:35 / 3:10:49)', () => {
    // A 19:57 5K (VDOT 50) beats a 45:00 10K (VDOT ≈ 45.3): the 5K sets the fitness.
    const f = fitnessFromEfforts([
      { distance: 'K10', duration: hms(0, 45, 0) },
      { distance: 'K5', duration: hms(0, 19, 57) },
    ]);
    expect(Math.abs(f.vdot! - 50)).toBeLessThanOrEqual(0.5);
    expect(f.vdot).toBe(vdotFromRace(5000, hms(0, 19, 57)));
    const byDistance = Object.fromEntries(f.predictions.map((p) => [p.distance, p.duration]));
    expect(Object.keys(byDistance)).toEqual(['K5', 'K10', 'HALF_MARATHON', 'MARATHON']);
    expect(Math.abs(byDistance.K5 - hms(0, 19, 57))).toBeLessThanOrEqual(3);
    expect(Math.abs(byDistance.K10 - hms(0, 41, 21))).toBeLessThanOrEqual(60);
    expect(Math.abs(byDistance.HALF_MARATHON - hms(1, 31, 35))).toBeLessThanOrEqual(120);
    expect(Math.abs(byDistance.MARATHON - hms(3, 10, 49))).toBeLessThanOrEqual(120);
    expect(byDistance.MARATHON).toBe(Math.round(predictTimeFromVdot(f.vdot!, 42195)));
  });

  it('falls back to Riegel from the fastest-projecting effort where no VDOT is defined (over 5 h)', () => {
    const slowMarathon = { distance: 'MARATHON' as const, duration: hms(5, 30, 0) };
    const slowerHalf = { distance: 'HALF_MARATHON' as const, duration: hms(5, 10, 0) };
    const f = fitnessFromEfforts([slowerHalf, slowMarathon]);
    expect(f.vdot).toBeNull();
    expect(f.predictions).toEqual([
      { distance: 'K5', duration: Math.round(riegel(slowMarathon.duration, 42195, 5000)) },
      { distance: 'K10', duration: Math.round(riegel(slowMarathon.duration, 42195, 10000)) },
      { distance: 'HALF_MARATHON', duration: Math.round(riegel(slowMarathon.duration, 42195, RACE_DISTANCES.HALF_MARATHON)) },
      { distance: 'MARATHON', duration: slowMarathon.duration },
    ]);
  });

  it('treats a walking-pace VDOT (below MIN_VDOT) as undefined rather than extrapolating', () => {
    const walk = { distance: 'K5' as const, duration: hms(2, 30, 0) }; // 30:00/km
    expect(vdotFromRace(5000, walk.duration)!).toBeLessThan(MIN_VDOT);
    const f = fitnessFromEfforts([walk]);
    expect(f.vdot).toBeNull();
    expect(f.predictions[0]).toEqual({ distance: 'K5', duration: walk.duration });
  });

  it('has nothing to say without efforts', () => {
    expect(fitnessFromEfforts([])).toEqual({ vdot: null, predictions: [] });
  });
});
