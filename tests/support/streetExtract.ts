// A small OpenStreetMap extract of a few Baghdad streets, and `nida map import` run on it, for the
// importer's node test and the street basemap e2e. Needs Debian's osmium-tool and tilemaker
// (scripts/ensure-test-deps installs them): without them those tests skip and say why.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NIDA, REPO_ROOT } from './nidaProcess';
import { prerequisite, type Prerequisite } from './prerequisites';

function toolMissing(tool: string, args: readonly string[], debianPackage: string): string | null {
  const probe = spawnSync(tool, [...args], { encoding: 'utf8' });
  if (probe.error) return `${tool} is not installed (apt-get install ${debianPackage}; scripts/ensure-test-deps)`;
  return probe.status === 0 ? null : `${tool} does not run: ${probe.stderr.trim()}`;
}

/** osmium and tilemaker, which `nida map import` drives. */
export function streetToolPrerequisites(): Prerequisite[] {
  return [
    prerequisite('osmium (osmium-tool)', toolMissing('osmium', ['--version'], 'osmium-tool')),
    prerequisite('tilemaker', toolMissing('tilemaker', ['--help'], 'tilemaker')),
  ];
}

/** What the extract holds, as the tests look for it. */
export const STREETS = {
  /** A primary road with an Arabic name and name:en: east–west at lat 33.300, lon 44.400–44.420. */
  rasheed: { ar: 'شارع الرشيد', en: 'Al-Rasheed Street', lat: 33.3, west: 44.4, east: 44.42 },
  /** A residential street named only in Latin letters: east–west at lat 33.305. */
  abuNuwas: { en: 'Abu Nuwas Street', lat: 33.305 },
  /** A secondary road whose `name` is Latin and `name:ar` Arabic: north–south at lon 44.410. */
  karrada: { ar: 'شارع الكرادة داخل', en: 'Karrada Dakhil', lon: 44.41 },
  /** A hospital mapped as a point. */
  wasiti: { ar: 'مستشفى الواسطي', en: 'Al-Wasiti Hospital', lon: 44.412, lat: 33.302 },
  /** A hospital mapped as a building outline (its point is the middle of the outline). */
  yarmouk: { ar: 'مستشفى اليرموك', en: 'Yarmouk Hospital', lon: 44.4045, lat: 33.3035 },
  police: { ar: 'مركز شرطة الكرادة', lon: 44.416, lat: 33.303 },
  mosque: { ar: 'جامع الرحمن', lon: 44.418, lat: 33.307 },
  /** A police station far to the north-east: outside the box the bbox test imports. */
  farPolice: { ar: 'مركز شرطة الراشدية', lon: 44.55, lat: 33.45 },
  /** The box around the streets (west, south, east, north). */
  bbox: [44.39, 33.28, 44.43, 33.32] as const,
} as const;

const xmlText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** OSM XML of the streets, buildings, points of interest and river in STREETS. */
export function streetsOsmXml(): string {
  const nodes: string[] = [];
  const ways: string[] = [];
  let nextNode = 1;
  const tags = (entries: Record<string, string>): string =>
    Object.entries(entries)
      .map(([key, value]) => `<tag k="${xmlText(key)}" v="${xmlText(value)}"/>`)
      .join('');
  const node = (lon: number, lat: number, entries: Record<string, string> = {}): number => {
    const id = nextNode++;
    nodes.push(
      `<node id="${String(id)}" version="1" lat="${String(lat)}" lon="${String(lon)}">${tags(entries)}</node>`,
    );
    return id;
  };
  const way = (id: number, points: readonly (readonly [number, number])[], entries: Record<string, string>): void => {
    const refs = points.map(([lon, lat]) => node(lon, lat));
    ways.push(
      `<way id="${String(id)}" version="1">${refs.map((ref) => `<nd ref="${String(ref)}"/>`).join('')}${tags(entries)}</way>`,
    );
  };
  /** A closed square outline (the last point is the first node again). */
  const square = (id: number, lon: number, lat: number, half: number, entries: Record<string, string>): void => {
    const corners = [
      node(lon - half, lat - half),
      node(lon + half, lat - half),
      node(lon + half, lat + half),
      node(lon - half, lat + half),
    ];
    const refs = [...corners, corners[0] ?? 0];
    ways.push(
      `<way id="${String(id)}" version="1">${refs.map((ref) => `<nd ref="${String(ref)}"/>`).join('')}${tags(entries)}</way>`,
    );
  };
  const { rasheed, abuNuwas, karrada, wasiti, yarmouk, police, mosque, farPolice } = STREETS;

  way(
    100,
    [
      [rasheed.west, rasheed.lat],
      [(rasheed.west + rasheed.east) / 2, rasheed.lat],
      [rasheed.east, rasheed.lat],
    ],
    { highway: 'primary', name: rasheed.ar, 'name:en': rasheed.en },
  );
  way(
    101,
    [
      [44.4, abuNuwas.lat],
      [44.42, abuNuwas.lat],
    ],
    { highway: 'residential', name: abuNuwas.en },
  );
  way(
    102,
    [
      [karrada.lon, 33.294],
      [karrada.lon, 33.312],
    ],
    { highway: 'secondary', name: karrada.en, 'name:ar': karrada.ar },
  );
  way(
    103,
    [
      [44.414, 33.301],
      [44.415, 33.302],
    ],
    { highway: 'service' },
  );
  square(104, 44.407, 33.302, 0.0003, { building: 'yes' });
  square(105, yarmouk.lon, yarmouk.lat, 0.0005, {
    amenity: 'hospital',
    building: 'hospital',
    name: yarmouk.ar,
    'name:en': yarmouk.en,
  });
  way(
    106,
    [
      [44.395, 33.296],
      [44.425, 33.291],
    ],
    { waterway: 'river', name: 'نهر دجلة', 'name:en': 'Tigris' },
  );
  node(wasiti.lon, wasiti.lat, { amenity: 'hospital', name: wasiti.en, 'name:ar': wasiti.ar });
  node(police.lon, police.lat, { amenity: 'police', name: police.ar });
  node(mosque.lon, mosque.lat, { amenity: 'place_of_worship', religion: 'muslim', name: mosque.ar });
  node(44.419, 33.308, { amenity: 'place_of_worship', religion: 'christian', name: 'كنيسة مار يوسف' });
  node(44.413, 33.304, { amenity: 'cafe', name: 'مقهى الشابندر' });
  node(farPolice.lon, farPolice.lat, { amenity: 'police', name: farPolice.ar });

  // osmium wants nodes, then ways, each ordered by id.
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<osm version="0.6" generator="nida-test">',
    ...nodes,
    ...ways,
    '</osm>',
    '',
  ].join('\n');
}

/** Writes the extract as OSM XML and converts it to PBF with `osmium cat`; returns the .osm.pbf path. */
export function writeStreetExtract(dir: string): string {
  const xml = join(dir, 'baghdad-test.osm');
  const pbf = join(dir, 'baghdad-test.osm.pbf');
  writeFileSync(xml, streetsOsmXml());
  const converted = spawnSync('osmium', ['cat', xml, '--output', pbf, '--overwrite'], { encoding: 'utf8' });
  if (converted.status !== 0) throw new Error(`osmium cat failed: ${converted.stderr}`);
  return pbf;
}

export interface NidaRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `nida map import ARGS…` with the built CLI, exactly as an administrator runs it. */
export function nidaMapImport(args: readonly string[], env: NodeJS.ProcessEnv = process.env): NidaRun {
  const result = spawnSync(process.execPath, [NIDA, 'map', 'import', ...args], {
    cwd: REPO_ROOT,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
