// `npm run bench -- domain`: how long the domain's heaviest pure calculations take on this
// machine. The tests only count the work per point (a quadratic pass fails them); the time is
// measured here, never asserted in a test.
const { summarizeActivity, bestEffort, dailyLoadSeries, RACE_DISTANCES } = require('@maratron/domain');

function timeIt(title, fn, repeat = 20) {
  fn(); // warm-up
  const times = [];
  for (let i = 0; i < repeat; i++) {
    const started = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { title, p50: times[Math.floor(repeat / 2)], max: times[repeat - 1] };
}

function benchDomain() {
  const start = Date.UTC(2024, 4, 1, 6);
  // Five hours at 1 Hz, 2.5 m/s north-east with rolling elevation and heart rate.
  const points = Array.from({ length: 5 * 3600 + 1 }, (_, i) => ({
    lat: 51.5 + (i * 2.5 * 0.7) / 111_195,
    lon: -0.12 + (i * 2.5 * 0.7) / (111_195 * Math.cos((51.5 * Math.PI) / 180)),
    ele: 100 + 20 * Math.sin(i / 600),
    heartRate: 140,
    time: new Date(start + i * 1000),
  }));
  const marathon = Array.from({ length: 42_196 }, (_, d) => ({ t: d * 0.3, d }));
  const days = Array.from({ length: 3 * 365 }, (_, i) => ({ date: new Date(Date.UTC(2022, 0, 1 + i, 6)), load: 40 + (i % 7) * 10 }));
  return [
    timeIt('summarizeActivity, 5 h at 1 Hz (18,001 points)', () => summarizeActivity({ segments: [points] })),
    timeIt('bestEffort 5K in a marathon sampled every metre', () => bestEffort(marathon, RACE_DISTANCES.K5)),
    timeIt('dailyLoadSeries over 3 years of daily runs', () =>
      dailyLoadSeries(days, new Date(Date.UTC(2022, 0, 1)), new Date(Date.UTC(2024, 11, 30))),
    ),
  ];
}

module.exports = { benchDomain };
