import { useQuery } from '@apollo/client';
import { zoneBounds } from '@maratron/domain/heart-rate-zones';
import { ViewerQuery } from '../api/operations';
import { formatDuration } from '../lib/format';

export interface ZoneTime {
  zone: number;
  seconds: number;
}

/**
 * The viewer's max and resting heart rate as the server uses them (set, or the max estimated from
 * the runs): asked afresh, since an import can move the estimate.
 */
export function useHeartRateLimits(): { max: number; rest: number } | null {
  const { data } = useQuery(ViewerQuery, { fetchPolicy: 'cache-and-network' });
  const p = data?.me?.trainingProfile;
  return p?.maxHeartRate != null && p.restingHeartRate != null ? { max: p.maxHeartRate, rest: p.restingHeartRate } : null;
}

/** "up to 133 bpm", "134–147 bpm", "176+ bpm": the whole beats of each zone (zoneBounds). */
function rangeLabel(bounds: number[], zone: number): string {
  if (zone === 1) return `up to ${bounds[1] - 1} bpm`;
  if (zone === 5) return `${bounds[4]}+ bpm`;
  return `${bounds[zone - 1]}–${bounds[zone] - 1} bpm`;
}

/**
 * Time in each heart-rate zone as labelled bars: every row says its zone, its bpm range and its
 * time in text (the bar itself is decoration for screen readers).
 */
export function ZoneBars({ zones, limits, label }: { zones: readonly ZoneTime[]; limits: { max: number; rest: number }; label: string }) {
  const bounds = zoneBounds(limits);
  const total = zones.reduce((a, z) => a + z.seconds, 0);
  const longest = Math.max(1, ...zones.map((z) => z.seconds));
  return (
    <ol className="zone-bars" aria-label={label} data-testid="zone-bars">
      {zones.map((z) => {
        const share = total > 0 ? Math.round((z.seconds / total) * 100) : 0;
        return (
          <li key={z.zone} className={`zone-row zone-${z.zone}`}>
            <span className="zone-name">Zone {z.zone}</span>
            <span className="zone-range muted small">{rangeLabel(bounds, z.zone)}</span>
            <span className="zone-track" aria-hidden="true">
              <span className="zone-fill" style={{ width: `${(z.seconds / longest) * 100}%` }} />
            </span>
            <span className="zone-time">
              {formatDuration(z.seconds)} <span className="muted small">({share}%)</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
