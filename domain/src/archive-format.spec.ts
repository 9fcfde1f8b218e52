import { z } from 'zod';
import { exportedRunSchema, exportedShoeSchema, parseArchiveFile } from './archive-format';
import type { ExportedRun, ExportedShoe } from './archive-format';

const run: ExportedRun = {
  id: 'b7e6c1de-0000-4000-8000-000000000001',
  name: 'Park laps',
  startedAt: new Date('2025-03-01T08:00:00.123Z'),
  distance: 5012.5,
  duration: 1500,
  elevationGain: null,
  averageHeartRate: 151,
  maxHeartRate: 178,
  averageCadence: 172,
  laps: [{ index: 1, distance: 1000, duration: 300, pace: 300, averageHeartRate: 150, averageCadence: 172 }],
  environment: 'OUTDOOR',
  visibility: 'FOLLOWERS',
  notes: null,
  shoeId: null,
  file: 'activities/2025-03-01-b7e6c1de-0000-4000-8000-000000000001.gpx',
};
const shoe: ExportedShoe = {
  id: 'b7e6c1de-0000-4000-8000-000000000002',
  userId: 'b7e6c1de-0000-4000-8000-000000000003',
  name: 'Pegasus',
  brand: null,
  maxDistance: 700_000,
  initialDistance: 0,
  retired: false,
  isDefault: true,
  createdAt: new Date('2025-01-01T00:00:00Z'),
};
/** A file as the export writes it: each item encoded through its schema, then JSON. */
const written = (list: string, items: unknown[]) => JSON.stringify({ [list]: items });

describe('the export archive format', () => {
  it('reads back what the export writes: dates as ISO text in the file, Dates in the code', () => {
    const runs = written('runs', [z.encode(exportedRunSchema, run)]);
    expect(JSON.parse(runs).runs[0].startedAt).toBe('2025-03-01T08:00:00.123Z');
    expect(parseArchiveFile('runs.json', runs)).toEqual({ data: { runs: [run] } });
    expect(parseArchiveFile('shoes.json', written('shoes', [z.encode(exportedShoeSchema, shoe)]))).toEqual({ data: { shoes: [shoe] } });
  });

  it('reads an archive written before laps and cadence were kept: no laps, no cadence, no max heart rate', () => {
    const { maxHeartRate, averageCadence, laps, ...older } = z.encode(exportedRunSchema, run);
    expect([maxHeartRate, averageCadence, laps?.length]).toEqual([178, 172, 1]);
    expect(parseArchiveFile('runs.json', written('runs', [older]))).toEqual({
      data: { runs: [{ ...run, maxHeartRate: null, averageCadence: null, laps: [] }] },
    });
  });

  it('names the file and the place in it of what does not fit', () => {
    const item = z.encode(exportedRunSchema, run);
    expect(parseArchiveFile('runs.json', written('runs', [item, { ...item, startedAt: 1740816000 }]))).toEqual({
      problem: 'runs.json: runs[1].startedAt: expected a date and time such as 2025-03-01T08:00:00.000Z',
    });
    expect(parseArchiveFile('runs.json', written('runs', [{ ...item, distance: '5 km' }]))).toEqual({
      problem: 'runs.json: runs[0].distance: Invalid input: expected number, received string',
    });
    expect(parseArchiveFile('shoes.json', '{ "shoes": [')).toEqual({ problem: 'shoes.json is not valid JSON' });
    expect(parseArchiveFile('shoes.json', '{ "pairs": [] }')).toEqual({
      problem: 'shoes.json: shoes: Invalid input: expected array, received undefined',
    });
    const many = parseArchiveFile('runs.json', written('runs', [1, 2, 3, 4, 5]));
    expect('problem' in many && many.problem).toBe(
      'runs.json: runs[0]: Invalid input: expected object, received number; runs[1]: Invalid input: expected object, received number; ' +
        'runs[2]: Invalid input: expected object, received number (and 2 more)',
    );
  });
});
