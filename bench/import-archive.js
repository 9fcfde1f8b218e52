// Builds a bulk-import archive for the `import` benchmark: device-shaped activity files of 30–60 min
// runs (GPX as Garmin Connect writes it, TCX, FIT), a quarter of them gzipped, streamed into a zip
// on disk with yazl. Deliberately independent of the test helpers (bench/ never imports tests).
const fs = require('node:fs');
const { gzipSync } = require('node:zlib');
const yazl = require('yazl');
const { FitEncoder } = require('fit-file-parser');

const M_PER_DEG_LAT = 111_320;

/** Deterministic noise in [-1, 1]. */
function noise(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  };
}

/**
 * One run: laps of a park loop at a steady pace (4:30–6:30/km) for 30–60 min, a point every 1–5 s
 * (1 s recording or a watch's "smart" recording), rolling elevation, heart rate drifting up.
 */
function simulate(i, start) {
  const rand = noise(i + 1);
  const pace = 270 + ((i * 37) % 120);
  const seconds = 1800 + ((i * 131) % 1800);
  const interval = 1 + (i % 5);
  const radius = 300 + (i % 7) * 50;
  const lat0 = 51.5 + (i % 10) * 0.01;
  const lon0 = -0.16 + (i % 13) * 0.01;
  const points = [];
  for (let t = 0; t <= seconds; t += interval) {
    const d = (1000 / pace) * t;
    const angle = d / radius;
    points.push({
      lat: lat0 + (radius * Math.sin(angle) + 0.3 * rand()) / M_PER_DEG_LAT,
      lon: lon0 + (radius * (1 - Math.cos(angle)) + 0.3 * rand()) / (M_PER_DEG_LAT * Math.cos((lat0 * Math.PI) / 180)),
      ele: 30 + 6 * Math.sin(angle) + 0.5 * rand(),
      time: new Date(start.getTime() + t * 1000),
      hr: Math.round(130 + Math.min(30, t / 60) + 3 * rand()),
      distance: d,
    });
  }
  return points;
}

function gpx(points, name) {
  const pts = points
    .map(
      (p) =>
        `<trkpt lat="${p.lat.toFixed(7)}" lon="${p.lon.toFixed(7)}"><ele>${p.ele.toFixed(1)}</ele><time>${p.time.toISOString()}</time>` +
        `<extensions><ns3:TrackPointExtension><ns3:hr>${p.hr}</ns3:hr></ns3:TrackPointExtension></extensions></trkpt>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="Garmin Connect" version="1.1" xmlns="http://www.topografix.com/GPX/1/1" xmlns:ns3="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
<metadata><time>${points[0].time.toISOString()}</time></metadata>
<trk><name>${name}</name><type>running</type><trkseg>
${pts}
</trkseg></trk></gpx>
`;
}

function tcx(points) {
  const pts = points
    .map(
      (p) =>
        `<Trackpoint><Time>${p.time.toISOString()}</Time><Position><LatitudeDegrees>${p.lat.toFixed(7)}</LatitudeDegrees><LongitudeDegrees>${p.lon.toFixed(7)}</LongitudeDegrees></Position>` +
        `<AltitudeMeters>${p.ele.toFixed(1)}</AltitudeMeters><DistanceMeters>${p.distance.toFixed(1)}</DistanceMeters><HeartRateBpm><Value>${p.hr}</Value></HeartRateBpm></Trackpoint>`,
    )
    .join('\n');
  const last = points[points.length - 1];
  return `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
<Activities><Activity Sport="Running"><Id>${points[0].time.toISOString()}</Id>
<Lap StartTime="${points[0].time.toISOString()}"><TotalTimeSeconds>${(last.time - points[0].time) / 1000}</TotalTimeSeconds><DistanceMeters>${last.distance.toFixed(1)}</DistanceMeters><Track>
${pts}
</Track></Lap></Activity></Activities></TrainingCenterDatabase>
`;
}

/** FIT: file_id, timer start, records (position, altitude, heart rate, distance), timer stop, session. */
function fit(points) {
  const f = (number, baseType, value) => ({ number, baseType, value, size: baseType <= 2 ? 1 : baseType === 0x84 ? 2 : 4 });
  const ts = (d) => FitEncoder.toFitTimestamp(d);
  const semi = 2 ** 31 / 180;
  const first = points[0];
  const last = points[points.length - 1];
  const enc = new FitEncoder();
  enc.writeMessage(0, [f(0, 0x00, 4), f(1, 0x84, 1), f(4, 0x86, ts(first.time))], 0);
  enc.writeMessage(21, [f(253, 0x86, ts(first.time)), f(0, 0x00, 0), f(1, 0x00, 0)], 1);
  for (const p of points) {
    enc.writeMessage(
      20,
      [
        f(253, 0x86, ts(p.time)),
        f(0, 0x85, Math.round(p.lat * semi)),
        f(1, 0x85, Math.round(p.lon * semi)),
        f(2, 0x84, Math.round((p.ele + 500) * 5)),
        f(3, 0x02, p.hr),
        f(5, 0x86, Math.round(p.distance * 100)),
      ],
      2,
    );
  }
  enc.writeMessage(21, [f(253, 0x86, ts(last.time)), f(0, 0x00, 0), f(1, 0x00, 4)], 1);
  const seconds = (last.time - first.time) / 1000;
  enc.writeMessage(
    18,
    [
      f(253, 0x86, ts(last.time)),
      f(2, 0x86, ts(first.time)),
      f(5, 0x00, 1),
      f(7, 0x86, seconds * 1000),
      f(8, 0x86, seconds * 1000),
      f(9, 0x86, Math.round(last.distance * 100)),
    ],
    3,
  );
  return Buffer.from(enc.close());
}

/** Writes a zip of `count` activities (one a day, going back from yesterday) to `file`; resolves with its size. */
function buildImportArchive(file, count) {
  const zip = new yazl.ZipFile();
  const written = new Promise((resolve, reject) => {
    zip.outputStream
      .pipe(fs.createWriteStream(file))
      .on('close', () => resolve(fs.statSync(file).size))
      .on('error', reject);
  });
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate(), 6, 0, 0);
  for (let i = 0; i < count; i++) {
    const points = simulate(i, new Date(today - (i + 1) * 86_400_000));
    const kind = ['gpx', 'tcx', 'fit'][i % 3];
    let bytes = kind === 'gpx' ? Buffer.from(gpx(points, `Run ${i + 1}`)) : kind === 'tcx' ? Buffer.from(tcx(points)) : fit(points);
    let name = `activities/${i + 1}.${kind}`;
    if (i % 4 === 3) {
      bytes = gzipSync(bytes);
      name += '.gz';
    }
    zip.addBuffer(bytes, name);
  }
  zip.end();
  return written;
}

module.exports = { buildImportArchive };
