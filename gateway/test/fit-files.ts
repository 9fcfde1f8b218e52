// A minimal FIT encoder for tests: a simulated run (activity-files.ts) written as a watch writes it
// (file_id, timer events, 1 Hz records, laps, session), so FIT import is tested without the real
// device files in ../shared. The byte layout (headers, definitions, CRC) is fit-file-parser's own
// FitEncoder; the FIT profile's message and field numbers, scales and offsets are written out here.
import type { SimulatedRun } from './activity-files';

interface EncoderField {
  number: number;
  size: number;
  baseType: number;
  value: number;
}
interface Encoder {
  writeMessage(globalMessageNumber: number, fields: EncoderField[], localMessageNumber?: number): Encoder;
  close(): Uint8Array;
}
// CommonJS build of the package (its type declarations are for the ES module).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { FitEncoder } = require('fit-file-parser') as { FitEncoder: (new () => Encoder) & { toFitTimestamp(date: Date): number } };

const ENUM = 0x00;
const UINT8 = 0x02;
const UINT16 = 0x84;
const SINT32 = 0x85;
const UINT32 = 0x86;

const MESG = { fileId: 0, session: 18, lap: 19, record: 20, event: 21 };
/** FIT sport enum values. */
export const FIT_SPORT = { running: 1, cycling: 2, swimming: 5, training: 10 } as const;
const SEMICIRCLES = 2 ** 31 / 180;

const f = (number: number, baseType: number, value: number): EncoderField => ({
  number,
  baseType,
  value,
  size: baseType === UINT8 || baseType === ENUM ? 1 : baseType === UINT16 ? 2 : 4,
});
const ts = (d: Date) => FitEncoder.toFitTimestamp(d);

export interface FitOptions {
  sport?: number;
  /** Laps every `lapMetres` metres of the device's distance counter. */
  lapMetres?: number;
}

/**
 * The run's segments as one FIT activity: a timer stop … start pair between segments (a pause),
 * records with position, altitude, heart rate and the distance counter, a lap per `lapMetres` and a
 * session with the true totals.
 */
export function fitActivity(sim: SimulatedRun, opts: FitOptions = {}): Buffer {
  const enc = new FitEncoder();
  const points = sim.segments.flat();
  const first = points[0];
  const last = points[points.length - 1];
  enc.writeMessage(MESG.fileId, [f(0, ENUM, 4), f(1, UINT16, 1), f(4, UINT32, ts(first.time))], 0);
  const event = (at: Date, type: number) => enc.writeMessage(MESG.event, [f(253, UINT32, ts(at)), f(0, ENUM, 0), f(1, ENUM, type)], 1);
  const lapMetres = opts.lapMetres ?? 1000;
  let lapStart = first;
  let lapTimer = 0;
  const lap = (end: (typeof points)[number]) => {
    enc.writeMessage(
      MESG.lap,
      [
        f(253, UINT32, ts(end.time)),
        f(2, UINT32, ts(lapStart.time)),
        f(8, UINT32, Math.round(lapTimer * 1000)),
        f(9, UINT32, Math.round((end.distance - lapStart.distance) * 100)),
      ],
      3,
    );
    lapStart = end;
    lapTimer = 0;
  };
  sim.segments.forEach((segment, i) => {
    event(segment[0].time, 0); // timer start
    segment.forEach((p, j) => {
      enc.writeMessage(
        MESG.record,
        [
          f(253, UINT32, ts(p.time)),
          f(0, SINT32, Math.round(p.lat * SEMICIRCLES)),
          f(1, SINT32, Math.round(p.lon * SEMICIRCLES)),
          f(2, UINT16, Math.round((p.ele + 500) * 5)),
          f(3, UINT8, p.hr),
          f(5, UINT32, Math.round(p.distance * 100)),
        ],
        2,
      );
      if (j > 0) lapTimer += (p.time.getTime() - segment[j - 1].time.getTime()) / 1000;
      if (p.distance - lapStart.distance >= lapMetres) lap(p);
    });
    event(segment[segment.length - 1].time, i === sim.segments.length - 1 ? 4 : 1); // stop_all / stop
  });
  if (last !== lapStart) lap(last);
  enc.writeMessage(
    MESG.session,
    [
      f(253, UINT32, ts(last.time)),
      f(2, UINT32, ts(first.time)),
      f(5, ENUM, opts.sport ?? FIT_SPORT.running),
      f(7, UINT32, Math.round(sim.elapsed * 1000)),
      f(8, UINT32, Math.round(sim.movingTime * 1000)),
      f(9, UINT32, Math.round(sim.distance * 100)),
      f(16, UINT8, Math.round(sim.averageHeartRate)),
    ],
    4,
  );
  return Buffer.from(enc.close());
}
