// Place search and point → names over the gazetteer the console ships (resources/gazetteer plus
// resources/mapdata: WOF neighbourhoods and localities, OCHA areas; ≥ 22,000 places), as the host
// loads it. Queries are what dispatchers type: Arabic prefixes of real names (2–8 letters, with and
// without hamza, ta marbuta and the article) and Latin names as ALI records spell them
// (AL-AMIRIYA). Baselines, measured in the same run: the same searches over the gazetteer as the
// console searched it before (the 206 hand-written places plus the towns and OCHA areas loaded as
// operator layers: 756 places), and, for naming a point, the KPI's nearest-place governorate
// resolver (what named a point before).
import { join } from 'node:path';
import { resourcesDir } from '../src-main/config/appPaths';
import { loadGazetteer } from '../src-main/services/places/placeService';
import type { GazetteerPlace, PlaceKind } from '../src-shared/domain/gazetteer';
import { governorateResolver } from '../src-shared/domain/kpi';
import { createPlaceSearch } from '../src-shared/domain/placeSearch';
import { seededRandom as random } from '../src-shared/domain/random';
import { summarize, type Benchmark, type BenchFigure } from './harness';
import { loadPlaces } from './shared';

/** The layers the old bench and a center's config added to the old gazetteer. */
const OLD_LAYERS: readonly (readonly [file: string, kind: PlaceKind])[] = [
  ['iraq-places.geojson', 'town'],
  ['iraq-districts.geojson', 'district'],
  ['iraq-subdistricts.geojson', 'subdistrict'],
  ['iraq-governorates.geojson', 'governorate'],
];

const QUERIES = 200;
/** Of them, Latin names as an ALI record writes them (upper case, the article hyphened). */
const LATIN_QUERIES = 50;
const POINTS = 20_000;
const ROUNDS = 25;
const WARMUP_ROUNDS = 3;
const LIMIT = 10;

/** What a dispatcher types for a name: its first 2–8 letters, spelled the way fingers go. */
function typedQueries(places: readonly GazetteerPlace[]): { query: string; id: string }[] {
  const next = random(911);
  const named = places.filter((place) => place.name.ar !== undefined);
  const queries: { query: string; id: string }[] = [];
  while (queries.length < QUERIES) {
    const place = named[Math.floor(next() * named.length)];
    if (place === undefined) continue;
    let text = place.name.ar ?? '';
    const roll = next();
    if (roll < 0.25) text = text.replace(/[أإآ]/gu, 'ا');
    else if (roll < 0.4) text = text.replace(/(^|\s)ا/gu, '$1أ');
    if (next() < 0.3) text = text.replace(/ة(?=\s|$)/gu, 'ه');
    if (next() < 0.25) text = text.replace(/^ال/u, '');
    const length = 2 + Math.floor(next() * 7);
    const query = text.slice(0, length).trim();
    if (query.length >= 2) queries.push({ query, id: place.id });
  }
  const latin = places.filter((place) => place.name.en !== undefined && /^[A-Za-z' -]+$/u.test(place.name.en));
  while (queries.length < QUERIES + LATIN_QUERIES) {
    const place = latin[Math.floor(next() * latin.length)];
    if (place === undefined) continue;
    queries.push({ query: (place.name.en ?? '').toUpperCase().replace(/^AL /u, 'AL-'), id: place.id });
  }
  return queries;
}

/** Where callers are: half in and around Baghdad, half anywhere in Iraq's box. */
function callerPoints(): { lat: number; lon: number }[] {
  const next = random(112);
  return Array.from({ length: POINTS }, (_, index) =>
    index % 2 === 0
      ? { lat: 33.2 + next() * 0.25, lon: 44.2 + next() * 0.35 }
      : { lat: 29.1 + next() * 8.3, lon: 38.8 + next() * 9.8 },
  );
}

interface Measured {
  samples: number[];
  /**
   * The process's CPU time per search: on a machine shared with other work, wall time also counts
   * the moments the search waited for a core, which the search does not decide.
   */
  cpuSamples: number[];
  found: number;
}

/**
 * Times every query with both searches, interleaved, so that the machine's noise (other processes,
 * garbage collection) falls on both alike; the first round also checks the typed place is found.
 */
function measure(
  queries: readonly { query: string; id: string }[],
  runs: readonly ((query: string) => string[])[],
): Measured[] {
  for (let round = 0; round < WARMUP_ROUNDS; round++)
    for (const run of runs) for (const { query } of queries) run(query);
  const results: Measured[] = runs.map(() => ({ samples: [], cpuSamples: [], found: 0 }));
  for (let round = 0; round < ROUNDS; round++) {
    for (const { query, id } of queries) {
      runs.forEach((run, index) => {
        const result = results[index];
        if (result === undefined) return;
        const cpuStarted = process.cpuUsage();
        const started = performance.now();
        const hits = run(query);
        result.samples.push(performance.now() - started);
        const cpu = process.cpuUsage(cpuStarted);
        result.cpuSamples.push((cpu.user + cpu.system) / 1000);
        if (round === 0 && hits.includes(id)) result.found++;
      });
    }
  }
  return results;
}

/** Times each naming, the new and the old interleaved so that the machine's noise falls on both. */
function measurePoints(
  points: readonly { lat: number; lon: number }[],
  runs: readonly ((lat: number, lon: number) => unknown)[],
): number[][] {
  for (const run of runs) for (const point of points.slice(0, 2_000)) run(point.lat, point.lon);
  const samples: number[][] = runs.map(() => []);
  for (const point of points)
    runs.forEach((run, index) => {
      const started = performance.now();
      run(point.lat, point.lon);
      samples[index]?.push(performance.now() - started);
    });
  return samples;
}

const benchmark: Benchmark = {
  name: 'places',
  description: `${QUERIES} typed Arabic prefixes and ${LATIN_QUERIES} ALI Latin names × ${ROUNDS} rounds over the shipped gazetteer; ${POINTS} points named`,
  async run() {
    const gazetteer = loadGazetteer(resourcesDir());
    const areas = gazetteer.areas();
    const built = gazetteer.search();
    const curatedStarted = performance.now();
    const oldPlaces = loadPlaces(
      OLD_LAYERS.map(([file, kind]) => ({ path: join(resourcesDir(), 'mapdata', file), kind })),
    );
    const old = createPlaceSearch(oldPlaces);
    const curatedBuildMs = performance.now() - curatedStarted;
    const full = createPlaceSearch(built.value.index);
    const queries = typedQueries(built.value.index.entries.map((entry) => entry.place));

    const none: Measured = { samples: [], cpuSamples: [], found: 0 };
    const [fullRun = none, oldRun = none] = measure(queries, [
      (query) => full.search(query, { limit: LIMIT }).map((hit) => hit.id),
      (query) => old.search(query, { limit: LIMIT }).map((hit) => hit.id),
    ]);
    const fast = summarize(fullRun.samples);
    const before = summarize(oldRun.samples);
    const fastCpu = summarize(fullRun.cpuSamples);
    const beforeCpu = summarize(oldRun.cpuSamples);
    const percent = (found: number) => (100 * found) / queries.length;

    const namer = areas.value;
    const nearestGovernorate = governorateResolver(gazetteer.curated);
    const [named = [], resolved = []] = measurePoints(callerPoints(), [
      (lat, lon) => namer.nameLocation(lat, lon),
      (lat, lon) => nearestGovernorate(lat, lon),
    ]);
    const naming = summarize(named);
    const resolving = summarize(resolved);

    const figures: BenchFigure[] = [
      {
        name: 'places searched',
        value: full.size(),
        unit: 'places',
        baseline: { name: 'old gazetteer', value: old.size() },
        better: 'higher',
        target: '≥ 22,000',
      },
      {
        name: 'search index load',
        value: built.loadMs,
        unit: 'ms',
        baseline: { name: 'old gazetteer load and index build', value: curatedBuildMs },
        better: 'lower',
      },
      { name: 'areas load (point → names)', value: areas.loadMs, unit: 'ms', better: 'lower' },
      {
        name: 'search p50',
        value: fast.p50,
        unit: 'ms',
        baseline: { name: 'old gazetteer p50', value: before.p50 },
        better: 'lower',
      },
      {
        name: 'search p99',
        value: fast.p99,
        unit: 'ms',
        baseline: { name: 'old gazetteer p99', value: before.p99 },
        better: 'lower',
        target: 'p99 < 5 ms',
      },
      {
        name: 'search p99, CPU time',
        value: fastCpu.p99,
        unit: 'ms',
        baseline: { name: 'old gazetteer p99, CPU time', value: beforeCpu.p99 },
        better: 'lower',
        target: 'p99 < 5 ms',
      },
      {
        name: 'search max',
        value: fast.max,
        unit: 'ms',
        baseline: { name: 'old gazetteer max', value: before.max },
        better: 'lower',
      },
      {
        name: 'typed place in top 10',
        value: percent(fullRun.found),
        unit: '%',
        baseline: { name: 'old gazetteer', value: percent(oldRun.found) },
        better: 'higher',
      },
      {
        name: 'point → names p50',
        value: naming.p50,
        unit: 'ms',
        baseline: { name: 'nearest-place governorate p50', value: resolving.p50 },
        better: 'lower',
      },
      {
        name: 'point → names p99',
        value: naming.p99,
        unit: 'ms',
        baseline: { name: 'nearest-place governorate p99', value: resolving.p99 },
        better: 'lower',
        target: 'p99 < 1 ms',
      },
    ];
    return Promise.resolve(figures);
  },
};

export default benchmark;
