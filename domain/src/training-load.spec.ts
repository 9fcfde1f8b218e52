import { dailyLoadSeries, LOAD_WARMUP_DAYS, runIntensity, runLoad } from './training-load';

describe('runLoad', () => {
  const hour = { duration: 3600, distance: 14118 }; // 4:15/km

  it('scores an hour at threshold pace as 100', () => {
    expect(runLoad(hour, { thresholdPace: 255 })).toBeCloseTo(100, 0);
  });

  it('scales with IF² from pace: an hour at 85 % of threshold speed is 72', () => {
    const easier = { duration: 3600, distance: 14118 * 0.85 };
    expect(runLoad(easier, { thresholdPace: 255 })).toBeCloseTo(100 * 0.85 * 0.85, 0);
  });

  it('caps the pace intensity factor at 1.5', () => {
    expect(runLoad({ duration: 600, distance: 100_000 }, { thresholdPace: 255 })).toBeCloseTo(10 * 2.25 * (100 / 60), 1);
  });

  it('scores an hour at threshold heart-rate reserve (0.85) as 100 and prefers heart rate over pace', () => {
    const athlete = { maxHeartRate: 190, restingHeartRate: 50, thresholdPace: 200 };
    // 50 + 0.85 · (190 − 50) = 169 bpm.
    expect(runLoad({ ...hour, averageHeartRate: 169 }, athlete)).toBeCloseTo(100, 1);
    // Banister weighting: HRr 0.5 → 0.5·e^0.96 / (0.85·e^1.632) = 0.295 of threshold per minute.
    const hrr5 = (0.5 * Math.exp(0.96)) / (0.85 * Math.exp(1.632));
    expect(runLoad({ ...hour, averageHeartRate: 120 }, athlete)).toBeCloseTo(100 * hrr5, 1);
  });

  it('assumes 60 bpm at rest when the resting heart rate is unknown, and clamps HRr to 0–1', () => {
    // (160 − 60) / (180 − 60) = 0.8333.
    const hrr = 100 / 120;
    const expected = ((hrr * Math.exp(1.92 * hrr)) / (0.85 * Math.exp(1.92 * 0.85))) * 100;
    expect(runLoad({ ...hour, averageHeartRate: 160 }, { maxHeartRate: 180 })).toBeCloseTo(expected, 1);
    expect(runIntensity({ ...hour, averageHeartRate: 40 }, { maxHeartRate: 180 })).toBe(0);
  });

  it('falls back to one point per minute without threshold pace or max HR', () => {
    expect(runLoad({ duration: 45 * 60, distance: 9000 }, {})).toBe(45);
    expect(runLoad({ duration: 45 * 60, distance: 9000, averageHeartRate: 150 }, { restingHeartRate: 50 })).toBe(45);
    expect(runLoad({ duration: 45 * 60, distance: 0 }, { thresholdPace: 255 })).toBe(45);
  });

  it('is 0 for a run without time', () => {
    expect(runLoad({ duration: 0, distance: 5000 }, { thresholdPace: 255 })).toBe(0);
  });
});

describe('dailyLoadSeries', () => {
  const day = (d: number, h = 0): Date => new Date(Date.UTC(2024, 0, d, h));

  it('matches a hand-computed EWMA (α = 2/8 acute, 2/43 chronic)', () => {
    // Loads 80, 0, 40, 0 on Jan 1–4.
    //   acute:   0.25·80 = 20;  20·0.75 = 15;  15 + 0.25·(40 − 15) = 21.25;  21.25·0.75 = 15.9375
    //   chronic: 80·2/43 = 3.720930;  ·41/43 = 3.547864;  3.547864·41/43 + 40·2/43 = 5.243312;
    //            ·41/43 = 4.999437
    const series = dailyLoadSeries(
      [
        { date: day(1, 7), load: 50 },
        { date: day(1, 19), load: 30 },
        { date: day(3, 23), load: 40 },
      ],
      day(1),
      day(4, 12),
    );
    expect(series.map((d) => d.date)).toEqual([day(1), day(2), day(3), day(4)]);
    const expected = [
      [20, 3.72093],
      [15, 3.547864],
      [21.25, 5.243312],
      [15.9375, 4.999437],
    ];
    series.forEach((d, i) => {
      expect(d.acute).toBeCloseTo(expected[i][0], 6);
      expect(d.chronic).toBeCloseTo(expected[i][1], 5);
      expect(d.balance).toBeCloseTo(expected[i][1] - expected[i][0], 5);
    });
  });

  it('warms up on loads before `from` without reporting those days, and ignores loads after `to`', () => {
    const series = dailyLoadSeries(
      [
        { date: day(1), load: 80 },
        { date: day(9), load: 500 },
      ],
      day(2),
      day(3),
    );
    expect(series).toHaveLength(2);
    expect(series[0].date).toEqual(day(2));
    expect(series[0].acute).toBeCloseTo(15, 9);
    expect(series[1].acute).toBeCloseTo(11.25, 9);
    expect(series[1].chronic).toBeCloseTo((160 / 43) * (41 / 43) ** 2, 9);
  });

  it('returns zeros for days without runs and nothing for an empty range', () => {
    expect(dailyLoadSeries([], day(5), day(6))).toEqual([
      { date: day(5), acute: 0, chronic: 0, balance: 0 },
      { date: day(6), acute: 0, chronic: 0, balance: 0 },
    ]);
    expect(dailyLoadSeries([{ date: day(1), load: 10 }], day(6), day(5))).toEqual([]);
  });

  it('needs only LOAD_WARMUP_DAYS of history before the range: the rest changes nothing beyond 0.1 %', () => {
    const runs = Array.from({ length: 3 * 365 }, (_, i) => ({ date: new Date(Date.UTC(2022, 0, 1 + i, 6)), load: 30 + ((i * 37) % 90) }));
    const from = new Date(Date.UTC(2024, 0, 1));
    const to = new Date(Date.UTC(2024, 11, 30));
    const cutoff = from.getTime() - LOAD_WARMUP_DAYS * 86_400_000;
    const full = dailyLoadSeries(runs, from, to);
    const recent = dailyLoadSeries(
      runs.filter((r) => r.date.getTime() >= cutoff),
      from,
      to,
    );
    expect(recent).toHaveLength(full.length);
    recent.forEach((d, i) => {
      expect(Math.abs(d.chronic - full[i].chronic)).toBeLessThan(full[i].chronic * 0.001);
      expect(Math.abs(d.acute - full[i].acute)).toBeLessThan(full[i].acute * 0.001);
    });
  });

  it('handles three years of daily runs in one pass over them', () => {
    const runs = Array.from({ length: 3 * 365 }, (_, i) => ({ date: new Date(Date.UTC(2022, 0, 1 + i, 6)), load: 40 + (i % 7) * 10 }));
    // Counts the runs read instead of timing the call (`npm run bench -- domain` times it).
    let reads = 0;
    const counted = runs.map((r) => new Proxy(r, { get: (target, key, receiver) => (reads++, Reflect.get(target, key, receiver)) }));
    const series = dailyLoadSeries(counted, new Date(Date.UTC(2022, 0, 1)), new Date(Date.UTC(2024, 11, 30)));
    expect(reads).toBeLessThanOrEqual(2 * runs.length);
    expect(series).toHaveLength(3 * 365);
    // A steady weekly pattern averaging 70 a day: chronic converges to ≈ 70.
    expect(series[series.length - 1].chronic).toBeCloseTo(70, -1);
  });
});
