// Device-shaped activity files for the import tests: a simulated run (with known true distance and
// moving time) written the way Garmin Connect, Strava, Apple Health and Garmin TCX export it.

const EARTH_RADIUS_M = 6371008.8;
const M_PER_DEG_LAT = (2 * Math.PI * EARTH_RADIUS_M) / 360;

/** Deterministic uniform noise in [-1, 1) (mulberry32). */
export function noise(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  };
}

export interface SimPoint {
  lat: number;
  lon: number;
  ele: number;
  time: Date;
  hr: number;
  /** Cumulative metres as the device counts them (TCX DistanceMeters). */
  distance: number;
}

/** A stretch of the plan: running `metres` at `pace` s/km, or stopping for `seconds`. */
export type Stretch =
  | { run: number; pace: number }
  /**
   * `standing`: the watch keeps logging while the runner waits (GPS jitter), its timer running, so
   * the wait is moving time as the watch counts it; `paused`: no points (auto-pause), not moving time.
   */
  | { stop: number; logging: 'standing' | 'paused' };

export interface SimulatedRun {
  /** Recording segments: a `paused` stop with `newSegment` starts a new one. */
  segments: SimPoint[][];
  /** The truth the importer should find. */
  distance: number;
  movingTime: number;
  elapsed: number;
  climb: number;
  averageHeartRate: number;
  /** Seconds at each kilometre boundary (moving time). */
  kmTimes: number[];
}

export interface SimOptions {
  start: Date;
  plan: Stretch[];
  /** Seconds between points while moving (1 for Strava/Apple, Garmin smart recording up to ~5). */
  interval?: number;
  /** Park loop centre and radius (metres). */
  centre?: { lat: number; lon: number };
  radius?: number;
  /** Elevation along the loop: `hill` metres up and down once per lap, plus ± `eleNoise` metres. */
  hill?: number;
  eleNoise?: number;
  /** A paused stop starts a new <trkseg>/<Track> (Garmin) instead of leaving a time gap (Strava). */
  newSegmentAfterPause?: boolean;
  seed?: number;
}

/**
 * Runs laps of a circular park loop. Positions carry a slow GPS wander (±1.5 m, as real receivers
 * drift rather than jump) plus 0.2 m jitter; elevation a sine hill per lap plus white noise; heart
 * rate drifts up with effort. Returns the points and the truth.
 */
export function simulateRun(opts: SimOptions): SimulatedRun {
  const interval = opts.interval ?? 1;
  const centre = opts.centre ?? { lat: 52.5145, lon: 13.3501 };
  const radius = opts.radius ?? 400;
  const hill = opts.hill ?? 0;
  const eleNoise = opts.eleNoise ?? 0;
  const rand = noise(opts.seed ?? 1);
  const circumference = 2 * Math.PI * radius;
  const mPerDegLon = M_PER_DEG_LAT * Math.cos((centre.lat * Math.PI) / 180);

  let t = 0;
  let d = 0;
  let moving = 0;
  let hrSum = 0;
  let hrTime = 0;
  const segments: SimPoint[][] = [[]];
  const kmTimes: number[] = [];
  const at = (metres: number, seconds: number, hr: number, jitter = 0.2): SimPoint => {
    const angle = (metres / circumference) * 2 * Math.PI;
    const wander = 1.5 * Math.sin(seconds / 47);
    const north = (radius + wander) * Math.sin(angle) + jitter * rand();
    const east = (radius + wander) * (1 - Math.cos(angle)) + jitter * rand();
    return {
      lat: centre.lat + north / M_PER_DEG_LAT,
      lon: centre.lon + east / mPerDegLon,
      ele: 34 + (hill / 2) * (1 - Math.cos(angle)) + eleNoise * rand(),
      time: new Date(opts.start.getTime() + seconds * 1000),
      hr: Math.round(hr),
      distance: metres,
    };
  };
  const heartRate = () => 125 + Math.min(30, moving / 60) + 3 * rand();
  segments[0].push(at(0, 0, 120));

  for (const stretch of opts.plan) {
    if ('run' in stretch) {
      const speed = 1000 / stretch.pace;
      const end = d + stretch.run;
      while (d < end - 1e-9) {
        const step = Math.min(interval, (end - d) / speed);
        d = Math.min(end, d + speed * step);
        t += step;
        moving += step;
        while ((kmTimes.length + 1) * 1000 <= d + 1e-9) kmTimes.push(moving - (d - (kmTimes.length + 1) * 1000) / speed);
        const hr = heartRate();
        hrSum += hr * step;
        hrTime += step;
        segments[segments.length - 1].push(at(d, t, hr));
      }
    } else if (stretch.logging === 'standing') {
      for (let s = 1; s <= stretch.stop; s++) segments[segments.length - 1].push(at(d, t + s, 110, 1.5));
      t += stretch.stop;
      moving += stretch.stop;
    } else {
      t += stretch.stop;
      if (opts.newSegmentAfterPause) segments.push([]);
      segments[segments.length - 1].push(at(d, t, 110));
    }
  }

  const climb = hill * (d / circumference);
  return { segments, distance: d, movingTime: moving, elapsed: t, climb, averageHeartRate: hrSum / hrTime, kmTimes };
}

const iso = (d: Date) => d.toISOString();
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Garmin Connect's GPX: GPX 1.1, metadata link and time, `ns3:` TrackPointExtension hr + cad, 7-decimal positions. */
export function garminConnectGpx(sim: SimulatedRun, name = 'Morning Run'): string {
  const start = sim.segments[0][0].time;
  const pt = (p: SimPoint) => `      <trkpt lat="${p.lat.toFixed(16)}" lon="${p.lon.toFixed(16)}">
        <ele>${p.ele.toFixed(13)}</ele>
        <time>${p.time.toISOString()}</time>
        <extensions>
          <ns3:TrackPointExtension>
            <ns3:hr>${p.hr}</ns3:hr>
            <ns3:cad>84</ns3:cad>
          </ns3:TrackPointExtension>
        </extensions>
      </trkpt>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="Garmin Connect" version="1.1"
  xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/11.xsd"
  xmlns="http://www.topografix.com/GPX/1/1"
  xmlns:ns3="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
  xmlns:ns2="http://www.garmin.com/xmlschemas/GpxExtensions/v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <metadata>
    <link href="connect.garmin.com">
      <text>Garmin Connect</text>
    </link>
    <time>${iso(start)}</time>
  </metadata>
  <trk>
    <name>${esc(name)}</name>
    <type>running</type>
${sim.segments.map((s) => `    <trkseg>\n${s.map(pt).join('\n')}\n    </trkseg>`).join('\n')}
  </trk>
</gpx>
`;
}

/** Strava's GPX: creator StravaGPX, `gpxtpx:` hr on every point, one trkseg (pauses are time gaps), <type>running</type>. */
export function stravaGpx(sim: SimulatedRun, name = 'Lunch Run'): string {
  const pt = (p: SimPoint) =>
    `   <trkpt lat="${p.lat.toFixed(7)}" lon="${p.lon.toFixed(7)}">\n    <ele>${p.ele.toFixed(1)}</ele>\n    <time>${p.time.toISOString().replace('.000', '')}</time>\n` +
    `    <extensions>\n     <gpxtpx:TrackPointExtension>\n      <gpxtpx:hr>${p.hr}</gpxtpx:hr>\n     </gpxtpx:TrackPointExtension>\n    </extensions>\n   </trkpt>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="StravaGPX" version="1.1" xmlns="http://www.topografix.com/GPX/1/1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd http://www.garmin.com/xmlschemas/GpxExtensions/v3 http://www.garmin.com/xmlschemas/GpxExtensionsv3.xsd http://www.garmin.com/xmlschemas/TrackPointExtension/v1 http://www.garmin.com/xmlschemas/TrackPointExtensionv1.xsd" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1" xmlns:gpxx="http://www.garmin.com/xmlschemas/GpxExtensions/v3">
 <metadata>
  <time>${sim.segments[0][0].time.toISOString().replace('.000', '')}</time>
 </metadata>
 <trk>
  <name>${esc(name)}</name>
  <type>running</type>
  <trkseg>
${sim.segments.flat().map(pt).join('\n')}
  </trkseg>
 </trk>
</gpx>
`;
}

/** Apple Health's route export: `lon` before `lat`, plain <speed>/<course>/<hAcc>/<vAcc> extensions, no heart rate, no type. */
export function appleHealthGpx(sim: SimulatedRun): string {
  const pt = (p: SimPoint) =>
    `<trkpt lon="${p.lon.toFixed(6)}" lat="${p.lat.toFixed(6)}"><ele>${p.ele.toFixed(6)}</ele><time>${p.time.toISOString().replace('.000', '')}</time>` +
    `<extensions><speed>2.9</speed><course>101.7</course><hAcc>1.8</hAcc><vAcc>1.1</vAcc></extensions></trkpt>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="Apple Health Export" xmlns="http://www.topografix.com/GPX/1/1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd">
  <metadata>
    <time>${new Date(sim.segments[0][0].time.getTime() + 4 * 86400_000).toISOString().replace('.000', '')}</time>
  </metadata>
  <trk>
    <name>Route ${sim.segments[0][0].time.toISOString().slice(0, 10)}</name>
    <trkseg>
${sim.segments.map((s) => s.map(pt).join('\n')).join('\n')}
    </trkseg>
  </trk>
</gpx>
`;
}

/**
 * Garmin's TCX (Connect export): an auto-lap every `lapMetres`, one <Track> per lap, per-point
 * DistanceMeters, HeartRateBpm and ns3:TPX speed and cadence, lap totals with ns3:LX cadence. `gps: false` writes a treadmill run:
 * no <Position>, no <AltitudeMeters>, distance from the foot pod only.
 */
export function garminTcx(sim: SimulatedRun, opts: { lapMetres?: number; gps?: boolean; sport?: string } = {}): string {
  const lapMetres = opts.lapMetres ?? 1000;
  const gps = opts.gps ?? true;
  const points = sim.segments.flat();
  // Lap k holds one track per recording segment that has points in it (Garmin starts a new
  // <Track> after a pause).
  const laps: SimPoint[][][] = [];
  sim.segments.forEach((segment, s) => {
    for (const p of segment) {
      const k = Math.min(Math.floor(p.distance / lapMetres), Math.floor((sim.distance - 1e-6) / lapMetres));
      ((laps[k] ??= [])[s] ??= []).push(p);
    }
  });
  const tp = (p: SimPoint) =>
    `            <Trackpoint>
              <Time>${p.time.toISOString()}</Time>
${
  gps
    ? `              <Position>
                <LatitudeDegrees>${p.lat.toFixed(14)}</LatitudeDegrees>
                <LongitudeDegrees>${p.lon.toFixed(14)}</LongitudeDegrees>
              </Position>
              <AltitudeMeters>${p.ele.toFixed(13)}</AltitudeMeters>
`
    : ''
}              <DistanceMeters>${p.distance.toFixed(2)}</DistanceMeters>
              <HeartRateBpm>
                <Value>${p.hr}</Value>
              </HeartRateBpm>
              <Extensions>
                <ns3:TPX>
                  <ns3:Speed>3.3</ns3:Speed>
                  <ns3:RunCadence>86</ns3:RunCadence>
                </ns3:TPX>
              </Extensions>
            </Trackpoint>`;
  const lapXml = laps
    .filter((tracks) => tracks !== undefined)
    .map((lapTracks, i, all) => {
      const tracks = lapTracks.filter((track) => track !== undefined);
      const l = tracks.flat();
      const first = l[0];
      const previousEnd = i === 0 ? first : all[i - 1].flat().filter(Boolean).at(-1)!;
      const last = l[l.length - 1];
      const hr = Math.round(l.reduce((s, p) => s + p.hr, 0) / l.length);
      return `      <Lap StartTime="${first.time.toISOString()}">
        <TotalTimeSeconds>${((last.time.getTime() - previousEnd.time.getTime()) / 1000).toFixed(1)}</TotalTimeSeconds>
        <DistanceMeters>${(last.distance - previousEnd.distance).toFixed(2)}</DistanceMeters>
        <Calories>70</Calories>
        <AverageHeartRateBpm>
          <Value>${hr}</Value>
        </AverageHeartRateBpm>
        <Intensity>Active</Intensity>
        <TriggerMethod>Distance</TriggerMethod>
${tracks.map((track) => `        <Track>\n${track.map(tp).join('\n')}\n        </Track>`).join('\n')}
        <Extensions>
          <ns3:LX>
            <ns3:AvgSpeed>3.3</ns3:AvgSpeed>
            <ns3:AvgRunCadence>86</ns3:AvgRunCadence>
          </ns3:LX>
        </Extensions>
      </Lap>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase
  xsi:schemaLocation="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2 http://www.garmin.com/xmlschemas/TrainingCenterDatabasev2.xsd"
  xmlns:ns5="http://www.garmin.com/xmlschemas/ActivityGoals/v1"
  xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2"
  xmlns:ns2="http://www.garmin.com/xmlschemas/UserProfile/v2"
  xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Activities>
    <Activity Sport="${opts.sport ?? 'Running'}">
      <Id>${points[0].time.toISOString()}</Id>
${lapXml}
      <Creator xsi:type="Device_t">
        <Name>Forerunner 965</Name>
        <UnitId>3421874361</UnitId>
        <ProductID>4315</ProductID>
      </Creator>
    </Activity>
  </Activities>
  <Author xsi:type="Application_t">
    <Name>Connect Api</Name>
  </Author>
</TrainingCenterDatabase>
`;
}
