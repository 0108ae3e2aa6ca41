import {
  createReadStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { MbtilesArchive } from '../../http/mbtilesArchive';
import { streetPlacesPath } from '../../services/places/streetPlaces';
import { poiPlaceFromOsmFeature, type PoiPlaceFeature } from './osmPois';
import type { ToolResult, ToolRunner } from './tools';

/**
 * `nida map import`: an OpenStreetMap extract → an offline street archive the console draws.
 * Not a tiler of our own: osmium cuts the extract to the box and keeps what the map needs
 * (resources/tilemaker/tags-filter.txt), tilemaker builds the vector tiles with our profile
 * (config.json, process.lua), and osmium exports the points of interest, which become the
 * gazetteer file beside the archive (`FILE.places.geojson`). Everything is written in a work
 * folder beside the output and moved into place at the end, so a failed run leaves nothing half-made.
 */

/** West, south, east, north in degrees. */
export type Bbox = readonly [number, number, number, number];

export interface StreetImportRequest {
  readonly input: string;
  /** The archive to write, `….mbtiles`. */
  readonly output: string;
  readonly bbox: Bbox | null;
  /** Replace an existing archive (and its places file). */
  readonly force: boolean;
}

export interface StreetImportSummary {
  readonly output: string;
  readonly placesFile: string;
  readonly tiles: number;
  readonly bytes: number;
  readonly minzoom: number;
  readonly maxzoom: number;
  readonly places: number;
  readonly seconds: number;
}

/** Where the run reports on standard error. */
export interface ImportReporter {
  /** The run starts (its input checked). */
  begin(input: string, inputBytes: number, output: string): void;
  /** A step begins: `index` of `total`. */
  step(index: number, total: number, text: string): void;
  /** Tiles written so far by tilemaker. */
  tiles(done: number, total: number): void;
  /** A step's outcome. */
  note(text: string): void;
}

export interface StreetImportDependencies {
  readonly run: ToolRunner;
  /** The shipped resources (`resources/`), holding `tilemaker/`. */
  readonly resourcesDir: string;
  readonly report: ImportReporter;
  /** Milliseconds, for the time taken. */
  readonly now: () => number;
}

export class StreetImportError extends Error {
  override readonly name = 'StreetImportError';
}

const fileinfoSchema = z.object({
  header: z.object({ boxes: z.array(z.tuple([z.number(), z.number(), z.number(), z.number()])) }),
  data: z
    .object({
      bbox: z.array(z.number()),
      count: z.object({ nodes: z.number(), ways: z.number(), relations: z.number() }),
    })
    .optional(),
});

const TILE_PROGRESS = /writing tile (\d+) of (\d+)/g;

function lastLines(result: ToolResult, count = 6): string {
  const lines = result.tail
    .split(/[\r\n]+/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  return lines.slice(-count).join(' | ');
}

function formatBbox(bbox: Bbox): string {
  return bbox.map((value) => String(value)).join(',');
}

/** Checks what can be checked before any work: the input, the output and the two programs. */
async function preflight(request: StreetImportRequest, run: ToolRunner): Promise<void> {
  if (!existsSync(request.input) || !statSync(request.input).isFile()) {
    throw new StreetImportError(`${request.input} not found`);
  }
  if (!existsSync(dirname(request.output))) {
    throw new StreetImportError(`the folder of ${request.output} does not exist`);
  }
  const placesFile = streetPlacesPath(request.output);
  if (!request.force) {
    for (const existing of [request.output, placesFile].filter((path) => existsSync(path))) {
      throw new StreetImportError(`${existing} exists; pass --force to replace it`);
    }
  }
  await run('osmium', ['--version']);
  await run('tilemaker', ['--help']);
}

async function fileinfo(run: ToolRunner, file: string, extended: boolean): Promise<z.infer<typeof fileinfoSchema>> {
  const result = await run('osmium', ['fileinfo', ...(extended ? ['--extended'] : []), '--json', file]);
  if (result.code !== 0) {
    throw new StreetImportError(`${file} is not an OSM file osmium can read: ${lastLines(result)}`);
  }
  const parsed = fileinfoSchema.safeParse(JSON.parse(result.stdout));
  if (!parsed.success) throw new StreetImportError(`osmium fileinfo of ${file} is not understood`);
  return parsed.data;
}

async function osmium(run: ToolRunner, args: readonly string[], what: string): Promise<void> {
  const result = await run('osmium', [...args, '--no-progress']);
  if (result.code !== 0) throw new StreetImportError(`osmium ${what} failed: ${lastLines(result)}`);
}

/** The points of interest osmium exported (GeoJSON text sequence), as a FeatureCollection for the gazetteer. */
async function writePlaces(exported: string, target: string): Promise<number> {
  const features: PoiPlaceFeature[] = [];
  const lines = createInterface({ input: createReadStream(exported, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    const text = line.trim();
    if (text === '') continue;
    const place = poiPlaceFromOsmFeature(JSON.parse(text));
    if (place) features.push(place);
  }
  features.sort((a, b) => a.id.localeCompare(b.id));
  const body = features.map((feature) => JSON.stringify(feature)).join(',\n');
  writeFileSync(target, `{"type":"FeatureCollection","features":[\n${body}\n]}\n`);
  return features.length;
}

export async function importStreets(
  request: StreetImportRequest,
  deps: StreetImportDependencies,
): Promise<StreetImportSummary> {
  const { run, report } = deps;
  const started = deps.now();
  await preflight(request, run);
  await fileinfo(run, request.input, false);
  report.begin(request.input, statSync(request.input).size, request.output);

  const profile = join(deps.resourcesDir, 'tilemaker');
  const work = mkdtempSync(join(dirname(request.output), `.${basename(request.output)}-import-`));
  try {
    const total = request.bbox ? 5 : 4;
    let step = 0;
    let source = request.input;
    if (request.bbox) {
      report.step(++step, total, `osmium extract --bbox ${formatBbox(request.bbox)}`);
      const extract = join(work, 'extract.osm.pbf');
      await osmium(
        run,
        ['extract', '--bbox', formatBbox(request.bbox), '--set-bounds', source, '--output', extract],
        'extract',
      );
      source = extract;
    }

    report.step(++step, total, 'osmium tags-filter: roads, buildings, water, points of interest');
    const filtered = join(work, 'filtered.osm.pbf');
    await osmium(
      run,
      ['tags-filter', '--expressions', join(profile, 'tags-filter.txt'), source, '--output', filtered],
      'tags-filter',
    );
    // osmium cannot give the extended summary of an empty file: a failure is checked by the count alone.
    const info = await fileinfo(run, filtered, true).catch(async (error: unknown) => {
      const nodes = await run('osmium', ['fileinfo', '--extended', '--get', 'data.count.nodes', filtered]);
      if (nodes.code === 0 && nodes.stdout.trim() === '0') return null;
      throw error;
    });
    const count = info?.data?.count;
    if (!info || !count || count.ways + count.nodes === 0) {
      throw new StreetImportError(
        `no roads, buildings, water or points of interest in ${request.input}${
          request.bbox ? ` inside --bbox ${formatBbox(request.bbox)}` : ''
        }`,
      );
    }
    report.note(`${String(count.nodes)} nodes, ${String(count.ways)} ways, ${String(count.relations)} relations kept`);
    const [dataWest = 0, dataSouth = 0, dataEast = 0, dataNorth = 0] = info.data?.bbox ?? [];
    const bbox: Bbox = request.bbox ?? info.header.boxes[0] ?? [dataWest, dataSouth, dataEast, dataNorth];

    report.step(++step, total, 'tilemaker: vector tiles');
    // The profile is copied out first: tilemaker cannot read inside a packaged app's archive.
    for (const file of ['config.json', 'process.lua']) {
      writeFileSync(join(work, file), readFileSync(join(profile, file)));
    }
    const archive = join(work, 'streets.mbtiles');
    const tiled = await run(
      'tilemaker',
      [
        '--input',
        filtered,
        '--output',
        archive,
        '--config',
        join(work, 'config.json'),
        '--process',
        join(work, 'process.lua'),
        '--bbox',
        formatBbox(bbox),
      ],
      (chunk) => {
        let last: RegExpExecArray | null = null;
        for (const match of chunk.matchAll(TILE_PROGRESS)) last = match;
        if (last) report.tiles(Number(last[1]), Number(last[2]));
      },
    );
    if (tiled.code !== 0 || !existsSync(archive)) {
      throw new StreetImportError(`tilemaker failed: ${lastLines(tiled)}`);
    }

    report.step(++step, total, 'osmium export: points of interest for the gazetteer');
    const pois = join(work, 'pois.osm.pbf');
    await osmium(
      run,
      ['tags-filter', '--expressions', join(profile, 'pois-filter.txt'), filtered, '--output', pois],
      'tags-filter (points of interest)',
    );
    const exported = join(work, 'pois.geojsonseq');
    await osmium(
      run,
      [
        'export',
        pois,
        '--output-format',
        'geojsonseq',
        '--format-option',
        'print_record_separator=false',
        '--geometry-types',
        'point,polygon',
        '--attributes',
        'type,id',
        '--output',
        exported,
      ],
      'export',
    );
    const placesDraft = join(work, 'places.geojson');
    const places = await writePlaces(exported, placesDraft);
    report.note(`${String(places)} named places`);

    report.step(++step, total, 'check the archive');
    let tiles: number;
    let zooms: { minzoom: number; maxzoom: number };
    const check = MbtilesArchive.open(archive);
    try {
      tiles = check.tileCount();
      zooms = check.info;
    } finally {
      check.close();
    }
    const placesFile = streetPlacesPath(request.output);
    renameSync(archive, request.output);
    renameSync(placesDraft, placesFile);
    return {
      output: request.output,
      placesFile,
      tiles,
      bytes: statSync(request.output).size,
      minzoom: zooms.minzoom,
      maxzoom: zooms.maxzoom,
      places,
      seconds: (deps.now() - started) / 1000,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
