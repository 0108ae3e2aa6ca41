// Place search and point → names over the gazetteer the console ships (resources/gazetteer plus
// resources/mapdata: WOF neighbourhoods and localities, OCHA areas; ≥ 22,000 places), as the host
// loads it. Queries are what dispatchers type: Arabic prefixes of real names (2–8 letters, with and
// without hamza, ta marbuta and the article), Latin names as ALI records spell them (AL-AMIRIYA),
// and the classes that were slow (issue 18): the bare article, one or two letters, generic words
// (حي، مدينة، قرية) alone and followed by the article; each of those with and without a caller's
// position. Baselines, measured in the same run: for speed, the search as it was before issue 18's
// work (placeSearch.ts at commit 7888c8f, taken from git) over the same places, which must return the same hits; for coverage, the
// gazetteer as the console searched it before (the 206 hand-written places plus the towns and OCHA
// areas loaded as operator layers: 756 places); for naming a point, the KPI's nearest-place
// governorate resolver (what named a point before).
import { join } from 'node:path';
import { resourcesDir } from '../src-main/config/appPaths';
import { loadGazetteer } from '../src-main/services/places/placeService';
import type { GazetteerPlace, PlaceKind } from '../src-shared/domain/gazetteer';
import { governorateResolver } from '../src-shared/domain/kpi';
import { createPlaceSearch } from '../src-shared/domain/placeSearch';
import type * as PlaceSearchModule from '../src-shared/domain/placeSearch';
import type { LatLon } from '../src-shared/domain/geo';
import { seededRandom as random } from '../src-shared/domain/random';
import { summarize, type Benchmark, type BenchFigure } from './harness';
import { loadPlaces, previousModule } from './shared';

/** The place search before issue 18's speed work: the speed baseline, and the hits to match. */
const PREVIOUS_SEARCH_COMMIT = '7888c8f';

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
function callerPoints(count: number, seed: number): LatLon[] {
  const next = random(seed);
  return Array.from({ length: count }, (_, index) =>
    index % 2 === 0
      ? { lat: 33.2 + next() * 0.25, lon: 44.2 + next() * 0.35 }
      : { lat: 29.1 + next() * 8.3, lon: 38.8 + next() * 9.8 },
  );
}

/** The queries that were slow (issue 18), by class: each matches thousands of places. */
function slowQueries(places: readonly GazetteerPlace[]): Record<string, readonly string[]> {
  const next = random(18);
  const short = new Set<string>();
  const named = places.filter((place) => place.name.ar !== undefined);
  while (short.size < 24) {
    const place = named[Math.floor(next() * named.length)];
    const name = (short.size % 4 === 3 ? place?.name.en : place?.name.ar)?.replace(/^(?:ال|al[ -])/iu, '');
    if (name !== undefined) short.add(name.slice(0, 1 + (short.size % 2)));
  }
  return {
    'bare article': ['ال', 'أل', 'al', 'AL-', 'el'],
    'one or two letters': ['ا', 'م', 'a', ...short],
    'generic word': ['حي', 'مدينة', 'مدينه', 'قرية', 'ناحية', 'قضاء', 'منطقة', 'محلة', 'district', 'hay', 'city'],
    'generic word + article': ['حي ال', 'مدينة ال', 'قرية ال', 'ناحية ال', 'منطقة ال', 'قرب ال', 'hay al', 'al-'],
  };
}

interface SearchCase {
  readonly query: string;
  readonly cls: string;
  /** The place the query was typed for, when it was. */
  readonly id?: string;
  readonly near?: LatLon;
}

interface Measured {
  samples: number[];
  /**
   * The process's CPU time per search: on a machine shared with other work, wall time also counts
   * the moments the search waited for a core, which the search does not decide.
   */
  cpuSamples: number[];
  /** Per sample, the class of its query. */
  classes: string[];
  found: number;
  /** The hits of each case in the first round, to compare searches. */
  hits: string[];
}

type Search = (query: string, near: LatLon | undefined) => string[];

/**
 * Times every case with every search, interleaved, so that the machine's noise (other processes,
 * garbage collection) falls on all alike; the first round also notes the hits.
 */
function measure(cases: readonly SearchCase[], runs: readonly Search[]): Measured[] {
  for (let round = 0; round < WARMUP_ROUNDS; round++)
    for (const run of runs) for (const { query, near } of cases) run(query, near);
  const results: Measured[] = runs.map(() => ({ samples: [], cpuSamples: [], classes: [], found: 0, hits: [] }));
  for (let round = 0; round < ROUNDS; round++) {
    for (const { query, id, near, cls } of cases) {
      runs.forEach((run, index) => {
        const result = results[index];
        if (result === undefined) return;
        const cpuStarted = process.cpuUsage();
        const started = performance.now();
        const hits = run(query, near);
        result.samples.push(performance.now() - started);
        const cpu = process.cpuUsage(cpuStarted);
        result.cpuSamples.push((cpu.user + cpu.system) / 1000);
        result.classes.push(cls);
        if (round > 0) return;
        result.hits.push(hits.join(','));
        if (id !== undefined && hits.includes(id)) result.found++;
      });
    }
  }
  return results;
}

/** Wall and CPU percentiles of the samples of some classes (all when none are given). */
function summaryOf(measured: Measured, classes?: ReadonlySet<string>) {
  const pick = (samples: readonly number[]) =>
    samples.filter((_, index) => classes === undefined || classes.has(measured.classes[index] ?? ''));
  return { wall: summarize(pick(measured.samples)), cpu: summarize(pick(measured.cpuSamples)) };
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

const TYPED = 'typed name';

const benchmark: Benchmark = {
  name: 'places',
  description: `${QUERIES} typed Arabic prefixes and ${LATIN_QUERIES} ALI Latin names, and the slow classes of issue 18 with and without a caller's position, × ${ROUNDS} rounds over the shipped gazetteer; ${POINTS} points named`,
  async run() {
    const gazetteer = loadGazetteer(resourcesDir());
    const areas = gazetteer.areas.now();
    const built = gazetteer.search.now();
    const curatedStarted = performance.now();
    const oldPlaces = loadPlaces(
      OLD_LAYERS.map(([file, kind]) => ({ path: join(resourcesDir(), 'mapdata', file), kind })),
    );
    const old = createPlaceSearch(oldPlaces);
    const curatedBuildMs = performance.now() - curatedStarted;
    const full = createPlaceSearch(built.value.index);
    const places = built.value.index.entries.map((entry) => entry.place);
    const { createPlaceSearch: createPreviousPlaceSearch } = await previousModule<typeof PlaceSearchModule>(
      PREVIOUS_SEARCH_COMMIT,
      'src-shared/domain/placeSearch.ts',
    );
    const previous = createPreviousPlaceSearch(places);

    const typed = typedQueries(places);
    const callers = callerPoints(1_000, 7);
    const slow = Object.entries(slowQueries(places)).flatMap(([cls, queries]) =>
      queries.flatMap((query, index) => [
        { query, cls },
        { query, cls, near: callers[index % callers.length] ?? callers[0] },
      ]),
    );
    const cases: SearchCase[] = [...typed.map(({ query, id }) => ({ query, id, cls: TYPED })), ...slow];
    const searchWith =
      (search: typeof full.search): Search =>
      (query, near) =>
        search(query, { limit: LIMIT, ...(near !== undefined && { near }) }).map((hit) => hit.id);
    const none: Measured = { samples: [], cpuSamples: [], classes: [], found: 0, hits: [] };
    const [now = none, before = none, oldRun = none] = measure(cases, [
      searchWith(full.search),
      searchWith(previous.search),
      searchWith(old.search),
    ]);
    const percent = (found: number) => (100 * found) / typed.length;
    const same = now.hits.filter((hits, index) => hits === before.hits[index]).length;

    const all = { now: summaryOf(now), before: summaryOf(before) };
    const typedOnly = new Set([TYPED]);
    const typedNames = { now: summaryOf(now, typedOnly), before: summaryOf(before, typedOnly) };
    // The slow class that is slowest now (by CPU p99: wall time also counts waiting for a core).
    const [worstClass = TYPED] = [...new Set(slow.map(({ cls }) => cls))]
      .map((cls) => [cls, summaryOf(now, new Set([cls])).cpu.p99] as const)
      .sort((a, b) => b[1] - a[1])
      .map(([cls]) => cls);
    const worstOnly = new Set([worstClass]);
    const worst = { now: summaryOf(now, worstOnly), before: summaryOf(before, worstOnly) };

    const namer = areas.value;
    const nearestGovernorate = governorateResolver(gazetteer.curated);
    const [named = [], resolved = []] = measurePoints(callerPoints(POINTS, 112), [
      (lat, lon) => namer.nameLocation(lat, lon),
      (lat, lon) => nearestGovernorate(lat, lon),
    ]);
    const naming = summarize(named);
    const resolving = summarize(resolved);

    const latency = (
      name: string,
      measured: { now: ReturnType<typeof summaryOf>; before: ReturnType<typeof summaryOf> },
      what: 'p50' | 'p99' | 'max',
      clock: 'wall' | 'cpu',
      target?: string,
    ): BenchFigure => ({
      name: `${name} ${what}${clock === 'cpu' ? ', CPU time' : ''}`,
      value: measured.now[clock][what],
      unit: 'ms',
      baseline: {
        name: `previous search ${what}${clock === 'cpu' ? ', CPU' : ''}`,
        value: measured.before[clock][what],
      },
      better: 'lower',
      ...(target !== undefined && { target }),
    });
    const allName = `search (${String(cases.length)} queries)`;
    const worstName = `worst class "${worstClass}"`;

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
      latency(allName, all, 'p50', 'wall'),
      latency(allName, all, 'p99', 'wall', 'p99 < 5 ms'),
      latency(allName, all, 'p50', 'cpu'),
      latency(allName, all, 'p99', 'cpu', 'p99 < 5 ms'),
      latency(allName, all, 'max', 'wall'),
      latency('typed names', typedNames, 'p99', 'wall', 'p99 < 5 ms'),
      latency('typed names', typedNames, 'p99', 'cpu', 'p99 < 5 ms'),
      latency(worstName, worst, 'p50', 'wall'),
      latency(worstName, worst, 'p99', 'wall', 'p99 < 5 ms'),
      latency(worstName, worst, 'p50', 'cpu'),
      latency(worstName, worst, 'p99', 'cpu', 'p99 < 5 ms'),
      {
        name: 'hits as the previous search',
        value: (100 * same) / cases.length,
        unit: '%',
        baseline: { name: 'previous search', value: 100 },
        better: 'higher',
        target: '100 %',
      },
      {
        name: 'typed place in top 10',
        value: percent(now.found),
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
