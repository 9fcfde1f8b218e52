// The run page's laps: the device's own (TCX laps, FIT lap messages), as recorded.
import { formatDistance, formatDuration, formatPace } from '../lib/format';
import type { Units } from '../lib/format';

export interface LapRow {
  index: number;
  distance: number;
  duration: number;
  pace: number;
  averageHeartRate?: number | null;
  averageCadence?: number | null;
}

/**
 * One row per lap. Heart rate and cadence columns only when some lap has them; short headers with
 * their full names for screen readers, so the table fits a 390 px screen without scrolling.
 */
export function LapsTable({ laps, units }: { laps: readonly LapRow[]; units: Units }) {
  const heartRate = laps.some((l) => l.averageHeartRate != null);
  const cadence = laps.some((l) => l.averageCadence != null);
  return (
    <div className="table-wrap">
      <table className="table table-compact table-laps" data-testid="laps">
        <caption className="visually-hidden">
          The device's laps: distance, time, pace{heartRate ? ', average heart rate' : ''}
          {cadence ? ', average cadence' : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">Lap</th>
            <th scope="col">Distance</th>
            <th scope="col">Time</th>
            <th scope="col">Pace</th>
            {heartRate && (
              <th scope="col">
                <abbr title="Average heart rate, beats per minute">HR</abbr>
              </th>
            )}
            {cadence && (
              <th scope="col">
                <abbr title="Average cadence, steps per minute">Cad.</abbr>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {laps.map((l) => (
            <tr key={l.index}>
              <th scope="row">{l.index}</th>
              <td>{formatDistance(l.distance, units)}</td>
              <td>{formatDuration(l.duration)}</td>
              <td>{l.distance > 0 ? formatPace(l.pace, units) : '–'}</td>
              {heartRate && <td>{l.averageHeartRate ?? '–'}</td>}
              {cadence && <td>{l.averageCadence ?? '–'}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
