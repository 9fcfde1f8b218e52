import {
  ActivityFileError,
  assertRunningActivity,
  DEFAULT_ACTIVITY_FILE_LIMITS,
  LAP_JOIN_MAX_GAP_S,
  MAX_ACTIVITY_FILE_BYTES,
  nonRunningSport,
  parseActivityFile,
} from './activity-file';

// Shaped like a Garmin Connect export: GPX 1.1, gpxtpx:TrackPointExtension, metadata time.
const GARMIN_GPX = `<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="Garmin Connect" version="1.1"
  xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/11.xsd"
  xmlns:ns3="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
  xmlns="http://www.topografix.com/GPX/1/1"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ns2="http://www.garmin.com/xmlschemas/GpxExtensions/v3">
  <metadata>
    <link href="connect.garmin.com"><text>Garmin Connect</text></link>
    <time>2024-05-01T05:59:58.000Z</time>
  </metadata>
  <trk>
    <name>Morning Run</name>
    <type>running</type>
    <trkseg>
      <trkpt lat="48.1371800" lon="11.5754900">
        <ele>519.4000244140625</ele>
        <time>2024-05-01T06:00:00.000Z</time>
        <extensions>
          <ns3:TrackPointExtension>
            <ns3:hr>121</ns3:hr>
            <ns3:cad>80</ns3:cad>
          </ns3:TrackPointExtension>
        </extensions>
      </trkpt>
      <trkpt lat="48.1372100" lon="11.5755300">
        <ele>519.5999755859375</ele>
        <time>2024-05-01T06:00:01.000Z</time>
        <extensions><ns3:TrackPointExtension><ns3:hr>123</ns3:hr></ns3:TrackPointExtension></extensions>
      </trkpt>
    </trkseg>
  </trk>
</gpx>`;

describe('parseActivityFile — GPX', () => {
  it('reads a Garmin Connect GPX 1.1 with namespaced heart rate and cadence (strides, read as steps)', () => {
    const a = parseActivityFile('GPX', GARMIN_GPX);
    expect(a.name).toBe('Morning Run');
    expect(a.sport).toBe('running');
    expect(a.startedAt).toEqual(new Date('2024-05-01T05:59:58Z'));
    expect(a.deviceTotals).toBeUndefined();
    expect(a.segments).toHaveLength(1);
    expect(a.segments[0]).toEqual([
      { lat: 48.13718, lon: 11.57549, ele: 519.4000244140625, time: new Date('2024-05-01T06:00:00Z'), heartRate: 121, cadence: 160 },
      { lat: 48.13721, lon: 11.57553, ele: 519.5999755859375, time: new Date('2024-05-01T06:00:01Z'), heartRate: 123 },
    ]);
  });

  it('reads gpxtpx: and plain <hr> extensions, metadata name, several tracks and segments, and drops empty ones', () => {
    const gpx = `\uFEFF
<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="StravaGPX" xmlns="http://www.topografix.com/GPX/1/1"
     xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
 <metadata><name>Long &amp; slow</name><time>2024-06-02T07:00:00Z</time></metadata>
 <trk>
  <name>ignored: metadata name wins</name>
  <type>9</type>
  <trkseg>
   <trkpt lat="1.0" lon="2.0"><time>2024-06-02T07:00:05Z</time>
    <extensions><gpxtpx:TrackPointExtension><gpxtpx:atemp>21</gpxtpx:atemp><gpxtpx:hr>140</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions>
   </trkpt>
   <trkpt lat="1.0001" lon="2.0"><time>2024-06-02T09:00:06+02:00</time><extensions><hr>141</hr></extensions></trkpt>
  </trkseg>
  <trkseg></trkseg>
  <trkseg/>
  <trkseg><trkpt lat="1.0002" lon="2.0"><ele></ele><time>2024-06-02T07:10:00Z</time><extensions><hr>0</hr></extensions></trkpt></trkseg>
 </trk>
 <trk><trkseg><trkpt lat="1.0003" lon="2.0"><ele>12</ele></trkpt></trkseg></trk>
</gpx>`;
    const a = parseActivityFile('GPX', gpx);
    expect(a.name).toBe('Long & slow');
    expect(a.sport).toBe('9');
    expect(a.startedAt).toEqual(new Date('2024-06-02T07:00:00Z'));
    expect(a.segments.map((s) => s.length)).toEqual([2, 1, 1]);
    expect(a.segments[0][0].heartRate).toBe(140);
    expect(a.segments[0][1]).toEqual({ lat: 1.0001, lon: 2, time: new Date('2024-06-02T07:00:06Z'), heartRate: 141 });
    // An empty <ele> is no elevation (not 0) and hr 0 is a missing strap.
    expect(a.segments[1][0]).toEqual({ lat: 1.0002, lon: 2, time: new Date('2024-06-02T07:10:00Z') });
    expect(a.segments[2][0]).toEqual({ lat: 1.0003, lon: 2, ele: 12 });
  });

  it('reads GPX 1.0 (name and time under <gpx>) and a route without timestamps', () => {
    const gpx = `<?xml version="1.0"?>
<gpx version="1.0" creator="GPSBabel" xmlns="http://www.topografix.com/GPX/1/0">
<name>Lakeside route</name>
<rte><name>Lake loop</name>
<rtept lat="47.0" lon="8.0"><ele>430</ele></rtept>
<rtept lat="47.001" lon="8.0"><ele>432</ele></rtept>
</rte>
</gpx>`;
    const a = parseActivityFile('GPX', gpx);
    expect(a.name).toBe('Lakeside route');
    expect(a.startedAt).toBeUndefined();
    expect(a.segments).toEqual([
      [
        { lat: 47, lon: 8, ele: 430 },
        { lat: 47.001, lon: 8, ele: 432 },
      ],
    ]);
  });

  it('reads times without a zone as UTC and with fractional seconds', () => {
    const gpx = `<gpx version="1.1"><trk><trkseg>
      <trkpt lat="1" lon="2"><time>2024-01-01T10:00:00</time></trkpt>
      <trkpt lat="1" lon="2.0001"><time>2024-01-01T10:00:01.250Z</time></trkpt>
      <trkpt lat="1" lon="2.0002"><time>not a time</time></trkpt>
    </trkseg></trk></gpx>`;
    const [seg] = parseActivityFile('GPX', gpx).segments;
    expect(seg[0].time).toEqual(new Date('2024-01-01T10:00:00Z'));
    expect(seg[1].time).toEqual(new Date('2024-01-01T10:00:01.250Z'));
    expect(seg[2].time).toBeUndefined();
  });

  it('reads the common UTC form and its variants alike, and refuses impossible dates', () => {
    const times = [
      '2024-02-29T23:59:59Z',
      '2024-02-29T23:59:59.5Z',
      '2024-02-29t23:59:59.500z',
      '2024-02-29 23:59:59',
      '2024-13-01T10:00:00Z',
      '2024-01-32T10:00:00.000Z',
      '2024-0A-01T10:00:00Z',
    ];
    const gpx = `<gpx version="1.1"><trk><trkseg>${times.map((t) => `<trkpt lat="1" lon="2"><time>${t}</time></trkpt>`).join('')}</trkseg></trk></gpx>`;
    const [seg] = parseActivityFile('GPX', gpx).segments;
    expect(seg.map((p) => p.time?.toISOString())).toEqual([
      '2024-02-29T23:59:59.000Z',
      '2024-02-29T23:59:59.500Z',
      '2024-02-29T23:59:59.500Z',
      '2024-02-29T23:59:59.000Z',
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('drops (0, 0) and out-of-range positions but keeps the point when it has a time', () => {
    const gpx = `<gpx version="1.1"><trk><trkseg>
      <trkpt lat="0" lon="0"><time>2024-01-01T10:00:00Z</time></trkpt>
      <trkpt lat="95" lon="2"/>
      <trkpt lat="1" lon="2"/>
    </trkseg></trk></gpx>`;
    expect(parseActivityFile('GPX', gpx).segments).toEqual([[{ time: new Date('2024-01-01T10:00:00Z') }, { lat: 1, lon: 2 }]]);
  });

  it('reads a route only when there is no track, and prefers track names and types to route ones', () => {
    const route = '<rte><name>Planned</name><type>hiking</type><rtept lat="1" lon="2"/></rte>';
    const both = parseActivityFile(
      'GPX',
      `<gpx version="1.1">${route}<trk><name>Done</name><trkseg><trkpt lat="3" lon="4"/></trkseg></trk></gpx>`,
    );
    expect(both).toEqual({ name: 'Done', sport: 'hiking', segments: [[{ lat: 3, lon: 4 }]] });
    const only = parseActivityFile('GPX', `<gpx version="1.1"><trk><type>running</type></trk>${route}</gpx>`);
    expect(only).toEqual({ name: 'Planned', sport: 'running', segments: [[{ lat: 1, lon: 2 }]] });
  });

  it('looks for heart rate at most five levels inside <extensions>, taking the first valid one', () => {
    const pt = (ext: string) => `<trkpt lat="1" lon="2"><extensions>${ext}</extensions></trkpt>`;
    const gpx = `<gpx version="1.1"><trk><trkseg>${[
      pt('<a><hr>0</hr></a><heartrate unit="bpm">141.6</heartrate><hr>150</hr>'),
      pt('<HeartRateBpm><Value>133</Value></HeartRateBpm>'),
      pt('<a><b><c><d><hr>151</hr></d></c></b></a>'),
      pt('<a><b><c><d><e><hr>152</hr></e></d></c></b></a>'),
    ].join('')}</trkseg></trk></gpx>`;
    expect(parseActivityFile('GPX', gpx).segments[0].map((p) => p.heartRate)).toEqual([142, 133, 151, undefined]);
  });

  it('reads character references and CDATA, and keeps an undeclared entity as written', () => {
    const gpx = `<gpx version="1.1"><metadata><name>Caf&#233; run&nbsp;<![CDATA[<5k>]]></name></metadata><trk><trkpt lat="1" lon="2"/></trk></gpx>`;
    expect(parseActivityFile('GPX', gpx).name).toBe('Café run&nbsp;<5k>');
  });
});

const TCX = `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase
  xsi:schemaLocation="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2 http://www.garmin.com/xmlschemas/TrainingCenterDatabasev2.xsd"
  xmlns:ns5="http://www.garmin.com/xmlschemas/ActivityGoals/v1"
  xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2"
  xmlns:ns2="http://www.garmin.com/xmlschemas/UserProfile/v2"
  xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Activities>
    <Activity Sport="Running">
      <Id>2024-03-10T08:00:00.000Z</Id>
      <Lap StartTime="2024-03-10T08:00:00.000Z">
        <TotalTimeSeconds>300.0</TotalTimeSeconds>
        <DistanceMeters>1000.0</DistanceMeters>
        <Calories>70</Calories>
        <AverageHeartRateBpm><Value>140</Value></AverageHeartRateBpm>
        <Intensity>Active</Intensity>
        <TriggerMethod>Manual</TriggerMethod>
        <Track>
          <Trackpoint>
            <Time>2024-03-10T08:00:00.000Z</Time>
            <Position><LatitudeDegrees>52.52</LatitudeDegrees><LongitudeDegrees>13.405</LongitudeDegrees></Position>
            <AltitudeMeters>34.0</AltitudeMeters>
            <DistanceMeters>0.0</DistanceMeters>
            <HeartRateBpm><Value>120</Value></HeartRateBpm>
            <Extensions><ns3:TPX><ns3:Speed>3.3</ns3:Speed><ns3:RunCadence>84</ns3:RunCadence></ns3:TPX></Extensions>
          </Trackpoint>
          <Trackpoint>
            <Time>2024-03-10T08:00:01.000Z</Time>
            <Position><LatitudeDegrees>52.52003</LatitudeDegrees><LongitudeDegrees>13.405</LongitudeDegrees></Position>
            <AltitudeMeters>34.2</AltitudeMeters>
            <DistanceMeters>3.3</DistanceMeters>
            <HeartRateBpm><Value>121</Value></HeartRateBpm>
          </Trackpoint>
        </Track>
        <Track>
          <Trackpoint><Time>2024-03-10T08:02:00.000Z</Time></Trackpoint>
        </Track>
        <Track></Track>
      </Lap>
      <Lap StartTime="2024-03-10T08:05:00.000Z">
        <TotalTimeSeconds>100.0</TotalTimeSeconds>
        <DistanceMeters>300.0</DistanceMeters>
        <AverageHeartRateBpm><Value>160</Value></AverageHeartRateBpm>
        <Track>
          <Trackpoint>
            <Time>2024-03-10T08:05:00.000Z</Time>
            <Position><LatitudeDegrees>52.53</LatitudeDegrees><LongitudeDegrees>13.405</LongitudeDegrees></Position>
            <DistanceMeters>1000.0</DistanceMeters>
          </Trackpoint>
        </Track>
      </Lap>
      <Creator xsi:type="Device_t"><Name>Forerunner 255</Name></Creator>
    </Activity>
  </Activities>
  <Author xsi:type="Application_t"><Name>Connect Api</Name></Author>
</TrainingCenterDatabase>`;

describe('parseActivityFile — TCX', () => {
  it('reads a Garmin TCX: sport, Id start, tracks as segments in lap order, lap totals', () => {
    const a = parseActivityFile('TCX', TCX);
    expect(a.sport).toBe('Running');
    expect(a.name).toBeUndefined();
    expect(a.startedAt).toEqual(new Date('2024-03-10T08:00:00Z'));
    expect(a.segments.map((s) => s.length)).toEqual([2, 1, 1]);
    expect(a.segments[0][0]).toEqual({
      lat: 52.52,
      lon: 13.405,
      ele: 34,
      time: new Date('2024-03-10T08:00:00Z'),
      heartRate: 120,
      distance: 0,
      // RunCadence 84 strides per minute.
      cadence: 168,
    });
    expect(a.segments[1][0]).toEqual({ time: new Date('2024-03-10T08:02:00Z') });
    expect(a.segments[2][0].distance).toBe(1000);
    // Lap HR weighted by lap time: (140·300 + 160·100) / 400 = 145.
    expect(a.deviceTotals).toEqual({ distance: 1300, duration: 400, averageHeartRate: 145 });
    expect(a.laps).toEqual([
      { distance: 1000, duration: 300, averageHeartRate: 140 },
      { distance: 300, duration: 100, averageHeartRate: 160 },
    ]);
  });

  it('reads ns-prefixed TCX elements and a treadmill run without positions', () => {
    const tcx = `<?xml version="1.0"?>
<ns1:TrainingCenterDatabase xmlns:ns1="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
 <ns1:Activities><ns1:Activity Sport="Other">
  <ns1:Id>2024-02-01T18:00:00Z</ns1:Id>
  <ns1:Lap StartTime="2024-02-01T18:00:00Z"><ns1:TotalTimeSeconds>10</ns1:TotalTimeSeconds><ns1:DistanceMeters>30</ns1:DistanceMeters>
   <ns1:Track>
    <ns1:Trackpoint><ns1:Time>2024-02-01T18:00:00Z</ns1:Time><ns1:DistanceMeters>0</ns1:DistanceMeters><ns1:HeartRateBpm><ns1:Value>100</ns1:Value></ns1:HeartRateBpm></ns1:Trackpoint>
    <ns1:Trackpoint><ns1:Time>2024-02-01T18:00:10Z</ns1:Time><ns1:DistanceMeters>30.5</ns1:DistanceMeters></ns1:Trackpoint>
    <ns1:Trackpoint><ns1:Cadence>80</ns1:Cadence></ns1:Trackpoint>
   </ns1:Track>
  </ns1:Lap>
 </ns1:Activity></ns1:Activities>
</ns1:TrainingCenterDatabase>`;
    const a = parseActivityFile('TCX', tcx);
    expect(a.sport).toBe('Other');
    expect(a.segments).toEqual([
      [
        { time: new Date('2024-02-01T18:00:00Z'), distance: 0, heartRate: 100 },
        { time: new Date('2024-02-01T18:00:10Z'), distance: 30.5 },
      ],
    ]);
    expect(a.deviceTotals).toEqual({ distance: 30, duration: 10 });
  });

  it('reads a TCX course when there is no activity', () => {
    const tcx = `<TrainingCenterDatabase><Courses><Course><Name>Park loop</Name><Track>
      <Trackpoint><Position><LatitudeDegrees>1</LatitudeDegrees><LongitudeDegrees>2</LongitudeDegrees></Position></Trackpoint>
    </Track></Course></Courses></TrainingCenterDatabase>`;
    const a = parseActivityFile('TCX', tcx);
    expect(a.name).toBe('Park loop');
    expect(a.segments).toEqual([[{ lat: 1, lon: 2 }]]);
  });

  /** A Garmin-style TCX: one <Lap> per array entry, each lap's <Track>s given as [start second, point count]. */
  const lapped = (laps: [number, number][][], sport = 'Running', activities = 1): string => {
    const at = (s: number) => new Date(Date.UTC(2024, 3, 1, 7, 0, s)).toISOString();
    let metres = 0;
    const lap = (tracks: [number, number][]) =>
      `<Lap StartTime="${at(tracks[0]?.[0] ?? 0)}"><TotalTimeSeconds>1</TotalTimeSeconds>` +
      tracks
        .map(([start, count]) => {
          const points = Array.from({ length: count }, (_, i) => {
            metres += 3;
            return (
              `<Trackpoint><Time>${at(start + i)}</Time><Position><LatitudeDegrees>${(48 + metres / 111195).toFixed(7)}</LatitudeDegrees>` +
              `<LongitudeDegrees>11</LongitudeDegrees></Position><DistanceMeters>${metres}</DistanceMeters></Trackpoint>`
            );
          });
          return `<Track>${points.join('')}</Track>`;
        })
        .join('') +
      '</Lap>';
    const activity = `<Activity Sport="${sport}"><Id>${at(0)}</Id>${laps.map(lap).join('')}</Activity>`;
    return `<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities>${activity.repeat(activities)}</Activities></TrainingCenterDatabase>`;
  };

  it('continues one segment across lap boundaries (a Track per Lap) when there is no real time gap', () => {
    // Three auto-laps of 100 s, the next lap's first point 1 s and 4 s after the previous lap's last.
    const a = parseActivityFile('TCX', lapped([[[0, 100]], [[100, 100]], [[204, 100]]]));
    expect(a.segments.map((s) => s.length)).toEqual([300]);
    // A lap that starts after a longer gap than LAP_JOIN_MAX_GAP_S is a new segment, like a pause.
    const gap = parseActivityFile('TCX', lapped([[[0, 100]], [[100 + LAP_JOIN_MAX_GAP_S, 100]]]));
    expect(gap.segments.map((s) => s.length)).toEqual([100, 100]);
    // Exactly at the limit still continues.
    expect(parseActivityFile('TCX', lapped([[[0, 100]], [[99 + LAP_JOIN_MAX_GAP_S, 10]]])).segments).toHaveLength(1);
  });

  it('keeps a second <Track> inside one lap (a pause) and the laps of another activity apart', () => {
    const paused = parseActivityFile(
      'TCX',
      lapped([
        [
          [0, 50],
          [51, 50],
        ],
        [[101, 20]],
      ]),
    );
    expect(paused.segments.map((s) => s.length)).toEqual([50, 70]);
    const multisport = parseActivityFile('TCX', lapped([[[0, 10]]], 'Running', 2));
    expect(multisport.segments.map((s) => s.length)).toEqual([10, 10]);
  });

  it('prefers a Trackpoint HeartRateBpm to a heart rate in its Extensions, and ignores courses beside an activity', () => {
    const tcx = `<TrainingCenterDatabase><Activities><Activity Sport="Running"><Lap><Track><Trackpoint>
      <Extensions><TPX><hr>120</hr></TPX></Extensions><Time>2024-01-01T00:00:05Z</Time><HeartRateBpm><Value>130</Value></HeartRateBpm>
    </Trackpoint><Trackpoint><Time>2024-01-01T00:00:06Z</Time><HeartRateBpm><Value>0</Value></HeartRateBpm><Extensions><TPX><hr>121</hr></TPX></Extensions>
    </Trackpoint></Track></Lap></Activity></Activities>
    <Courses><Course><Name>Park loop</Name><Track><Trackpoint><DistanceMeters>5</DistanceMeters></Trackpoint></Track></Course></Courses></TrainingCenterDatabase>`;
    const a = parseActivityFile('TCX', tcx);
    expect(a.name).toBeUndefined();
    expect(a.startedAt).toEqual(new Date('2024-01-01T00:00:05Z'));
    expect(a.segments).toEqual([
      [
        { time: new Date('2024-01-01T00:00:05Z'), heartRate: 130 },
        { time: new Date('2024-01-01T00:00:06Z'), heartRate: 121 },
      ],
    ]);
  });

  it('goes by the root element, not by the announced format', () => {
    expect(parseActivityFile('GPX', TCX).sport).toBe('Running');
  });
});

describe('parseActivityFile — errors', () => {
  const fail = (format: 'GPX' | 'TCX', text: string): ActivityFileError => {
    try {
      parseActivityFile(format, text);
    } catch (e) {
      expect(e).toBeInstanceOf(ActivityFileError);
      expect(e).toBeInstanceOf(Error);
      return e as ActivityFileError;
    }
    throw new Error('expected parseActivityFile to throw');
  };

  it('refuses broken XML with a line number', () => {
    const e = fail('GPX', '<gpx version="1.1">\n<trk><trkseg>\n<trkpt lat="1" lon="2"></trkseg></trk></gpx>');
    expect(e.code).toBe('MALFORMED');
    expect(e.name).toBe('ActivityFileError');
    expect(e.message).toMatch(/^the GPX file is not well-formed XML \(line 3: /);
    expect(fail('TCX', 'this is not xml').message).toMatch(/^the TCX file is not well-formed XML/);
    expect(fail('GPX', GARMIN_GPX.slice(0, 900)).code).toBe('MALFORMED');
  });

  it('refuses anything after the root element, or a second root: not one well-formed document', () => {
    expect(fail('GPX', '<gpx version="1.1"><trk><trkpt lat="1" lon="2"/></trk></gpx>\n<gpx/>').message).toMatch(/\(line 2: /);
    expect(fail('GPX', '<gpx version="1.1"><trk><trkpt lat="1" lon="2"/></trk></gpx>junk').code).toBe('MALFORMED');
  });

  it('refuses empty files', () => {
    expect(fail('GPX', '').message).toBe('the GPX file is empty');
    expect(fail('GPX', ' \n\uFEFF'.slice(2)).code).toBe('EMPTY');
  });

  it('refuses other XML documents', () => {
    const e = fail('GPX', '<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document/></kml>');
    expect(e.code).toBe('UNSUPPORTED');
    expect(e.message).toBe('the file is not a GPX or TCX activity (its root element is <kml>)');
  });

  it('refuses files without usable points', () => {
    expect(fail('GPX', '<gpx version="1.1"/>').message).toBe('the file contains no track points');
    expect(fail('GPX', '<gpx version="1.1"><trk><trkseg><trkpt lat="x" lon="y"/></trkseg></trk></gpx>').code).toBe('NO_POINTS');
    expect(fail('TCX', '<TrainingCenterDatabase><Activities/></TrainingCenterDatabase>').code).toBe('NO_POINTS');
  });

  it('refuses text over MAX_ACTIVITY_FILE_BYTES, counting UTF-8 bytes', () => {
    expect(MAX_ACTIVITY_FILE_BYTES).toBe(25 * 1024 * 1024);
    expect(fail('GPX', ' '.repeat(MAX_ACTIVITY_FILE_BYTES + 1)).code).toBe('TOO_LARGE');
    // 'é' is one UTF-16 unit but two UTF-8 bytes.
    const e = fail('TCX', 'é'.repeat(MAX_ACTIVITY_FILE_BYTES / 2 + 1));
    expect(e.message).toBe('the TCX file is larger than 25 MB');
  });
});

describe('parseActivityFile — limits', () => {
  const limits = { ...DEFAULT_ACTIVITY_FILE_LIMITS, maxDepth: 10, maxElements: 60, maxPoints: 5 };
  const refusal = (text: string): ActivityFileError => {
    try {
      parseActivityFile('GPX', text, limits);
    } catch (e) {
      expect(e).toBeInstanceOf(ActivityFileError);
      return e as ActivityFileError;
    }
    throw new Error('expected parseActivityFile to throw');
  };
  const trkpts = (n: number) => Array.from({ length: n }, (_, i) => `<trkpt lat="1" lon="${i / 1000}"/>`).join('');

  it('stops at the first element nested past maxDepth, however deep the rest goes', () => {
    const e = refusal(`<gpx>${'<a>'.repeat(100_000)}`);
    expect(e.code).toBe('TOO_DEEP');
    expect(e.message).toBe('the GPX file nests elements more than 10 deep');
    expect(
      parseActivityFile(
        'GPX',
        `<gpx><trk><trkseg><trkpt lat="1" lon="2">${'<x>'.repeat(5)}${'</x>'.repeat(5)}</trkpt></trkseg></trk></gpx>`,
        limits,
      ).segments,
    ).toHaveLength(1);
  });

  it('stops at the element past maxElements', () => {
    const e = refusal(`<gpx>${'<a/>'.repeat(1_000_000)}</gpx>`);
    expect(e.code).toBe('TOO_MANY_ELEMENTS');
    expect(e.message).toBe('the GPX file has more than 60 elements');
  });

  it('stops at the point past maxPoints, in GPX and TCX', () => {
    expect(parseActivityFile('GPX', `<gpx><trk><trkseg>${trkpts(5)}</trkseg></trk></gpx>`, limits).segments[0]).toHaveLength(5);
    const e = refusal(`<gpx><trk><trkseg>${trkpts(6)}</trkseg></trk></gpx>`);
    expect(e.code).toBe('TOO_MANY_POINTS');
    expect(e.message).toBe('the GPX file has more than 5 recorded points');
    const tcx = `<TrainingCenterDatabase><Activities><Activity Sport="Running"><Lap><Track>${'<Trackpoint><DistanceMeters>1</DistanceMeters></Trackpoint>'.repeat(6)}</Track></Lap></Activity></Activities></TrainingCenterDatabase>`;
    expect(() => parseActivityFile('TCX', tcx, limits)).toThrow(
      new ActivityFileError('TOO_MANY_POINTS', 'the TCX file has more than 5 recorded points'),
    );
  });
});

describe('declared sport', () => {
  it('names sports that are clearly not running and lets everything else through', () => {
    for (const sport of ['Biking', 'cycling', 'Ride', 'mountain_biking', 'hiking', 'Hike', 'walking', 'Swim', 'Nordic Ski']) {
      expect(nonRunningSport(sport)).toBe(sport);
    }
    for (const sport of [
      undefined,
      '',
      'Running',
      'running',
      'trail_running',
      'treadmill_running',
      'Run',
      'VirtualRun',
      'Other',
      '9',
      'parkour',
    ]) {
      expect(nonRunningSport(sport)).toBeNull();
    }
  });

  it('refuses a TCX whose Sport is Biking with a message naming it', () => {
    const tcx = `<TrainingCenterDatabase><Activities><Activity Sport="Biking"><Id>2024-01-01T00:00:00Z</Id><Lap StartTime="2024-01-01T00:00:00Z">
      <Track><Trackpoint><Time>2024-01-01T00:00:00Z</Time></Trackpoint></Track></Lap></Activity></Activities></TrainingCenterDatabase>`;
    const parsed = parseActivityFile('TCX', tcx);
    expect(() => assertRunningActivity(parsed)).toThrow(
      new ActivityFileError('NOT_A_RUN', 'the file is a Biking activity, not a run; only runs can be imported'),
    );
    expect(() => assertRunningActivity({ ...parsed, sport: 'Running' })).not.toThrow();
    expect(() => assertRunningActivity({ segments: parsed.segments })).not.toThrow();
  });
});
