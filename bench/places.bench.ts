// Place search as the dispatcher types: ~200 Arabic prefixes of real names (2–8 characters, with
// and without hamza, ta marbuta and the article) over the shipped gazetteer plus the map layers of
// ../shared/mapdata when they are beside the checkout (several hundred districts, sub-districts
// and places). Baseline, measured in the same run over the same normalized names: a naive linear
// scan with `includes`, ordered by "starts with" and length.
import { normalizeForSearch } from '../src-shared/domain/arabic';
import type { GazetteerPlace, PlaceKind } from '../src-shared/domain/gazetteer';
import { createPlaceSearch } from '../src-shared/domain/placeSearch';
import { seededRandom as random } from '../src-shared/domain/random';
import { summarize, type Benchmark, type BenchFigure } from './harness';
import { loadPlaces, mapdataLayers } from './shared';

const LAYERS: readonly (readonly [file: string, kind: PlaceKind])[] = [
  ['iraq-places.geojson', 'town'],
  ['iraq-districts.geojson', 'district'],
  ['iraq-subdistricts.geojson', 'subdistrict'],
  ['iraq-governorates.geojson', 'governorate'],
];

const QUERIES = 200;
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
  return queries;
}

/** The obvious implementation: normalize the query, test every name with `includes`. */
function linearScan(places: readonly GazetteerPlace[]): (query: string) => string[] {
  const rows = places.map((place) => ({
    id: place.id,
    names: [
      place.name.ar,
      place.name.en,
      place.name.ckb,
      ...(place.alt?.ar ?? []),
      ...(place.alt?.en ?? []),
      ...(place.alt?.ckb ?? []),
    ]
      .filter((name): name is string => name !== undefined)
      .map(normalizeForSearch),
  }));
  return (query) => {
    const needle = normalizeForSearch(query);
    if (needle.length === 0) return [];
    const hits: { id: string; starts: boolean; length: number }[] = [];
    for (const row of rows) {
      let best: { starts: boolean; length: number } | undefined;
      for (const name of row.names) {
        if (!name.includes(needle)) continue;
        const starts = name.startsWith(needle);
        if (best === undefined || (starts && !best.starts) || (starts === best.starts && name.length < best.length)) {
          best = { starts, length: name.length };
        }
      }
      if (best !== undefined) hits.push({ id: row.id, ...best });
    }
    hits.sort((a, b) => Number(b.starts) - Number(a.starts) || a.length - b.length);
    return hits.slice(0, LIMIT).map((hit) => hit.id);
  };
}

interface Measured {
  samples: number[];
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
  const results: Measured[] = runs.map(() => ({ samples: [], found: 0 }));
  for (let round = 0; round < ROUNDS; round++) {
    for (const { query, id } of queries) {
      runs.forEach((run, index) => {
        const result = results[index];
        if (result === undefined) return;
        const started = performance.now();
        const hits = run(query);
        result.samples.push(performance.now() - started);
        if (round === 0 && hits.includes(id)) result.found++;
      });
    }
  }
  return results;
}

const benchmark: Benchmark = {
  name: 'places',
  description: `${QUERIES} typed Arabic prefixes × ${ROUNDS} rounds over the gazetteer plus ../shared/mapdata layers`,
  async run() {
    const shipped = loadPlaces([]).length;
    const places = loadPlaces(mapdataLayers(LAYERS));
    const layerPlaces = places.length - shipped;
    const buildStarted = performance.now();
    const index = createPlaceSearch(places);
    const buildMs = performance.now() - buildStarted;
    const queries = typedQueries(places);

    const [indexed = { samples: [], found: 0 }, naive = { samples: [], found: 0 }] = measure(queries, [
      (query) => index.search(query, { limit: LIMIT }).map((hit) => hit.id),
      linearScan(places),
    ]);
    const fast = summarize(indexed.samples);
    const slow = summarize(naive.samples);
    const percent = (found: number) => (100 * found) / queries.length;

    const figures: BenchFigure[] = [
      { name: 'places searched', value: index.size(), unit: `places (${layerPlaces} from layers)`, better: 'higher' },
      { name: 'index build', value: buildMs, unit: 'ms', better: 'lower' },
      {
        name: 'search p50',
        value: fast.p50,
        unit: 'ms',
        baseline: { name: 'linear includes scan p50', value: slow.p50 },
        better: 'lower',
      },
      {
        name: 'search p99',
        value: fast.p99,
        unit: 'ms',
        baseline: { name: 'linear includes scan p99', value: slow.p99 },
        better: 'lower',
        target: 'p99 < 1 ms',
      },
      {
        name: 'search max',
        value: fast.max,
        unit: 'ms',
        baseline: { name: 'linear includes scan max', value: slow.max },
        better: 'lower',
      },
      {
        name: 'typed place in top 10',
        value: percent(indexed.found),
        unit: '%',
        baseline: { name: 'linear includes scan', value: percent(naive.found) },
        better: 'higher',
      },
    ];
    return Promise.resolve(figures);
  },
};

export default benchmark;
