import type { TrackSample } from './activity-summary';
import { RACE_DISTANCES, bestEffort, bestEffortsForRun } from './records';

/** Samples every `step` metres through stretches of [metres, seconds per km]. */
function series(stretches: [number, number][], step = 100): TrackSample[] {
  const out: TrackSample[] = [{ t: 0, d: 0 }];
  let t = 0;
  let d = 0;
  for (const [metres, pace] of stretches) {
    for (let covered = 0; covered < metres; covered += step) {
      d += step;
      t += (pace * step) / 1000;
      out.push({ t, d });
    }
  }
  return out;
}

/** Every window with one edge on a sample, evaluated directly: O(n²), for cross-checking. */
function bruteForce(samples: TrackSample[], distance: number): number | null {
  const timeAt = (d: number, earliest: boolean): number => {
    for (let i = 0; i < samples.length; i++) {
      const b = samples[i];
      if (earliest ? b.d >= d : b.d > d) {
        if (i === 0) return b.t;
        const a = samples[i - 1];
        if (!earliest && a.d === d) return a.t;
        return a.d === b.d ? b.t : a.t + ((b.t - a.t) * (d - a.d)) / (b.d - a.d);
      }
    }
    return samples[samples.length - 1].t;
  };
  let best: number | null = null;
  const last = samples[samples.length - 1].d;
  for (const s of samples) {
    const candidates: [number, number][] = [];
    if (s.d + distance <= last) candidates.push([s.t, timeAt(s.d + distance, true)]);
    if (s.d - distance >= samples[0].d) candidates.push([timeAt(s.d - distance, false), s.t]);
    for (const [from, to] of candidates) best = best === null ? to - from : Math.min(best, to - from);
  }
  return best;
}

describe('RACE_DISTANCES', () => {
  it('holds the standard distances in metres', () => {
    expect(RACE_DISTANCES).toEqual({ K5: 5000, K10: 10000, HALF_MARATHON: 21097.5, MARATHON: 42195 });
  });
});

describe('bestEffort', () => {
  // 12 km: 3 km at 5:00/km, a fast 5 km at 4:00/km, 4 km at 5:00/km.
  const twelve = series([
    [3000, 300],
    [5000, 240],
    [4000, 300],
  ]);

  it('finds the fast 5 km in the middle of a 12 km run', () => {
    expect(bestEffort(twelve, 5000)).toBeCloseTo(1200, 6);
  });

  it('finds the best 10 km around it (fast 5 km + 5 km at 5:00/km)', () => {
    expect(bestEffort(twelve, 10000)).toBeCloseTo(2700, 6);
  });

  it('returns null for distances the run does not cover', () => {
    expect(bestEffort(twelve, RACE_DISTANCES.HALF_MARATHON)).toBeNull();
    expect(bestEffort([], 5000)).toBeNull();
    expect(bestEffort([{ t: 0, d: 0 }], 0)).toBeNull();
  });

  it('covers the whole run when the distance equals it (allowing float dust)', () => {
    expect(bestEffort(twelve, 12000)).toBeCloseTo(3300, 6);
    const dusty = twelve.map((s) => ({ ...s, d: s.d * (1 - 1e-9) }));
    expect(bestEffort(dusty, 12000)).toBeCloseTo(3300, 3);
  });

  it('interpolates inside sparse samples', () => {
    // 300 s/km, then a fast km at 200 s/km, then 300 s/km again.
    const sparse: TrackSample[] = [
      { t: 0, d: 0 },
      { t: 300, d: 1000 },
      { t: 500, d: 2000 },
      { t: 800, d: 3000 },
    ];
    expect(bestEffort(sparse, 500)).toBeCloseTo(100, 9);
    expect(bestEffort(sparse, 1500)).toBeCloseTo(350, 9);
    expect(bestEffort(sparse, 2500)).toBeCloseTo(650, 9);
  });

  it('takes the shortest window when the distance stands still while time runs', () => {
    const withStall: TrackSample[] = [
      { t: 0, d: 0 },
      { t: 100, d: 500 },
      { t: 160, d: 500 },
      { t: 260, d: 1000 },
    ];
    expect(bestEffort(withStall, 500)).toBe(100);
    expect(bestEffort(withStall, 1000)).toBe(260);
  });

  it('agrees with a brute-force search on irregular series', () => {
    let seed = 42;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let trial = 0; trial < 30; trial++) {
      const samples: TrackSample[] = [{ t: 0, d: 0 }];
      for (let i = 0; i < 150; i++) {
        const prev = samples[samples.length - 1];
        const dd = rand() < 0.1 ? 0 : 5 + rand() * 200;
        samples.push({ t: prev.t + 1 + rand() * 60, d: prev.d + dd });
      }
      for (const distance of [1000, 5000, 10000]) {
        const fast = bestEffort(samples, distance);
        const slow = bruteForce(samples, distance);
        if (slow === null) expect(fast).toBeNull();
        else expect(fast).toBeCloseTo(slow, 6);
      }
    }
  });

  it('is linear: a marathon at one sample per metre reads each sample a few times', () => {
    const dense = series([[42195, 300]], 1);
    // Counts element reads instead of timing (how fast is `npm run bench -- domain`): a
    // quadratic search would read about n²/2 = 890 million; the two sweeps read about a dozen per sample.
    let reads = 0;
    const counted = new Proxy(dense, {
      get: (target, key, receiver) => {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    expect(bestEffort(counted, RACE_DISTANCES.K5)).toBeCloseTo(1500, 3);
    expect(reads).toBeLessThan(20 * dense.length);
  });
});

describe('bestEffortsForRun', () => {
  it('uses the samples when there are some', () => {
    const samples = series([
      [3000, 300],
      [5000, 240],
      [4000, 300],
    ]);
    expect(bestEffortsForRun({ distance: 12000, duration: 3300, samples })).toEqual({
      K5: 1200,
      K10: 2700,
      HALF_MARATHON: null,
      MARATHON: null,
    });
  });

  it('without a track pro-rates the average pace over the distances the run covers', () => {
    expect(bestEffortsForRun({ distance: 12000, duration: 3600 })).toEqual({
      K5: 1500,
      K10: 3000,
      HALF_MARATHON: null,
      MARATHON: null,
    });
    expect(bestEffortsForRun({ distance: 42195, duration: 3 * 3600, samples: [] })).toEqual({
      K5: 1280,
      K10: 2560,
      HALF_MARATHON: 5400,
      MARATHON: 10800,
    });
  });

  it('gives nothing for a run without a duration or short of 5 km', () => {
    expect(bestEffortsForRun({ distance: 8000, duration: 0 })).toEqual({ K5: null, K10: null, HALF_MARATHON: null, MARATHON: null });
    expect(bestEffortsForRun({ distance: 4999, duration: 1500, samples: null }).K5).toBeNull();
  });
});
