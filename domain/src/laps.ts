// A run's laps as its device recorded them (TCX <Lap>, FIT lap messages): the GraphQL `Lap`.
import type { ParsedActivity } from './activity-file';

/** One lap (the GraphQL `Lap` object type has the same shape). */
export interface ActivityLap {
  /** 1-based, in the file's order. */
  index: number;
  /** Metres, 0.1 m. */
  distance: number;
  /** Timer seconds, integer; rounded cumulatively so the laps add up to the device's total. */
  duration: number;
  /** Seconds per km, like Run.pace; 0 for a lap without distance (a lap button pressed twice). */
  pace: number;
  averageHeartRate: number | null;
  /** Steps per minute. */
  averageCadence: number | null;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** The device's laps of a parsed file; [] for a file without laps (GPX). */
export function lapsOf(parsed: ParsedActivity): ActivityLap[] {
  let elapsed = 0;
  let counted = 0;
  return (parsed.laps ?? []).map((lap, i) => {
    elapsed += lap.duration;
    const duration = Math.round(elapsed) - counted;
    counted += duration;
    return {
      index: i + 1,
      distance: round1(lap.distance),
      duration,
      pace: lap.distance > 0 ? round1(lap.duration / (lap.distance / 1000)) : 0,
      averageHeartRate: lap.averageHeartRate === undefined ? null : Math.round(lap.averageHeartRate),
      averageCadence: lap.averageCadence === undefined ? null : Math.round(lap.averageCadence),
    };
  });
}
