import { XMLValidator } from 'fast-xml-parser';
import { parseActivityFile } from './activity-file';
import { summarizeActivity } from './activity-summary';
import { escapeXml, writeGpx } from './gpx-writer';
import { recordingOf, recordingToGpx, runFromActivity, trackOf } from './recording';

const START = new Date('2024-05-01T06:00:00Z');

/** 2 km north-east at 3 m/s with rolling elevation and heart rate, a 2-minute stop, then 1 km more in a new segment. */
function sampleGpx(): string {
  const pt = (i: number, t: number) =>
    `<trkpt lat="${(48 + (i * 2.1) / 111195).toFixed(7)}" lon="${(11 + (i * 2.1) / 74403).toFixed(7)}"><ele>${(500 + 8 * Math.sin(i / 60)).toFixed(2)}</ele>` +
    `<time>${new Date(START.getTime() + t * 1000).toISOString()}</time>` +
    `<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>${140 + (i % 10)}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>`;
  const first = Array.from({ length: 667 }, (_, i) => pt(i, i));
  const second = Array.from({ length: 334 }, (_, i) => pt(667 + i, 787 + i));
  return `<?xml version="1.0"?><gpx version="1.1" creator="Garmin Connect" xmlns="http://www.topografix.com/GPX/1/1"
    xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"><metadata><time>${START.toISOString()}</time></metadata>
    <trk><name>Tempo &amp; hills</name><type>running</type><trkseg>${first.join('')}</trkseg><trkseg>${second.join('')}</trkseg></trk></gpx>`;
}

describe('writeGpx', () => {
  it('writes well-formed GPX 1.1 with metadata, segments, elevation, time and TrackPointExtension heart rate', () => {
    const gpx = writeGpx({
      name: 'Loop <1> & "2"',
      startedAt: START,
      segments: [
        [
          { lat: 48.1, lon: 11.5, ele: 519.44, time: START, heartRate: 141 },
          { lat: 48.10001, lon: 11.50002, time: new Date(START.getTime() + 1500) },
        ],
        [],
        [{ lat: -33.9, lon: 151.2 }],
      ],
    });
    expect(XMLValidator.validate(gpx)).toBe(true);
    expect(gpx).toContain('<gpx version="1.1" creator="Maratron" xmlns="http://www.topografix.com/GPX/1/1"');
    expect(gpx).toContain('<metadata><name>Loop &lt;1&gt; &amp; &quot;2&quot;</name><time>2024-05-01T06:00:00Z</time></metadata>');
    expect(gpx).toContain('<trk><name>Loop &lt;1&gt; &amp; &quot;2&quot;</name><type>running</type>');
    expect(gpx.match(/<trkseg>/g)).toHaveLength(2);
    expect(gpx).toContain(
      '<trkpt lat="48.1" lon="11.5"><ele>519.4</ele><time>2024-05-01T06:00:00Z</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>141</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>',
    );
    expect(gpx).toContain('<trkpt lat="48.10001" lon="11.50002"><time>2024-05-01T06:00:01.500Z</time></trkpt>');
    expect(gpx).toContain('<trkpt lat="-33.9" lon="151.2"></trkpt>');

    const back = parseActivityFile('GPX', gpx);
    expect(back.name).toBe('Loop <1> & "2"');
    expect(back.sport).toBe('running');
    expect(back.segments[0][0]).toEqual({ lat: 48.1, lon: 11.5, ele: 519.4, time: START, heartRate: 141 });
  });

  it('writes a track without points for an activity without any', () => {
    const gpx = writeGpx({ startedAt: START, segments: [] });
    expect(XMLValidator.validate(gpx)).toBe(true);
    expect(gpx).toContain('<trk><type>running</type>\n </trk>');
  });

  it('escapes the five XML specials', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
});

describe('recording', () => {
  const parsed = parseActivityFile('GPX', sampleGpx());
  const summary = summarizeActivity(parsed);
  const recording = recordingOf(parsed, summary.startedAt);

  it('keeps positioned points per segment with elevation, seconds from the start and heart rate', () => {
    expect(recording.map((s) => s.length)).toEqual([667, 334]);
    expect(recording[0][0]).toEqual([48, 11, 500, 0, 140]);
    expect(recording[1][0][3]).toBe(787);
    const track = trackOf(recording)!;
    expect(track).toHaveLength(1001);
    expect(track[0]).toEqual([48, 11, 500]);
    expect(trackOf([[[1, 2, null, 0, null]]])).toEqual([[1, 2]]);
    expect(trackOf([])).toBeNull();
  });

  it('goes out as GPX that reads back to the same distance, moving time, climb, heart rate and splits', () => {
    const gpx = recordingToGpx({ name: 'Tempo & hills', startedAt: summary.startedAt }, recording);
    expect(XMLValidator.validate(gpx)).toBe(true);
    const again = summarizeActivity(parseActivityFile('GPX', gpx));
    expect(again.startedAt).toEqual(summary.startedAt);
    expect(Math.abs(again.distance - summary.distance)).toBeLessThan(summary.distance * 0.001);
    expect(again.duration).toBe(summary.duration);
    expect(again.elapsed).toBe(summary.elapsed);
    expect(again.averageHeartRate).toBe(summary.averageHeartRate);
    expect(Math.abs(again.elevationGain! - summary.elevationGain!)).toBeLessThan(1);
    expect(again.splits.map((s) => s.duration)).toEqual(summary.splits.map((s) => s.duration));
  });

  it('follows an edited start time', () => {
    const later = new Date(summary.startedAt.getTime() + 3600_000);
    const again = parseActivityFile('GPX', recordingToGpx({ name: null, startedAt: later }, recording));
    expect(again.segments[0][0].time).toEqual(later);
    expect(again.name).toBeUndefined();
  });

  it('makes the run fields, naming the environment from the file', () => {
    expect(runFromActivity(parsed, summary)).toEqual({
      startedAt: START,
      distance: summary.distance,
      duration: summary.duration,
      name: 'Tempo & hills',
      elevationGain: summary.elevationGain,
      averageHeartRate: summary.averageHeartRate,
      maxHeartRate: summary.maxHeartRate,
      averageCadence: summary.averageCadence,
      environment: 'OUTDOOR',
    });
    const treadmill = {
      segments: [
        [
          { time: START, distance: 0 },
          { time: new Date(START.getTime() + 10_000), distance: 30 },
        ],
      ],
    };
    expect(runFromActivity(treadmill, summarizeActivity(treadmill)).environment).toBe('TREADMILL');
    expect(runFromActivity({ ...parsed, sport: 'trail_running' }, summary).environment).toBe('TRAIL');
    expect(runFromActivity({ ...parsed, sport: 'treadmill_running' }, summary).environment).toBe('TREADMILL');
    expect(runFromActivity({ ...parsed, sport: 'track_running' }, summary).environment).toBe('TRACK');
    expect(runFromActivity({ ...parsed, name: `  ${'x'.repeat(200)}` }, summary).name).toHaveLength(120);
    expect(runFromActivity({ ...parsed, name: '   ' }, summary).name).toBeNull();
  });
});
