import { resolve } from 'node:path';
import { type Command, CommanderError, InvalidArgumentError } from 'commander';
import { z } from 'zod';
import { resourcesDir } from '../../config/appPaths';
import { count, megabytes } from '../db/common';
import { importStreets, type Bbox, type ImportReporter } from './importStreets';
import { runTool } from './tools';

/**
 * `nida map …`: the map's data for a center's GIS administrator. `nida map import` turns an
 * OpenStreetMap extract into the street basemap the console draws (docs/map.md).
 *
 * Exit codes: 0 ok, 1 failure (the message says what and what to do), 2 usage.
 */

const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);

export const bboxSchema = z
  .string()
  .transform((text) => text.split(',').map((part) => (part.trim() === '' ? Number.NaN : Number(part))))
  .pipe(
    z
      .tuple([lon, lat, lon, lat], { error: 'four numbers: west,south,east,north' })
      .refine(([west, , east]) => west < east, 'west must be less than east')
      .refine(([, south, , north]) => south < north, 'south must be less than north'),
  );

function parseBbox(value: string): Bbox {
  const parsed = bboxSchema.safeParse(value);
  if (!parsed.success) {
    throw new InvalidArgumentError(
      `${parsed.error.issues.map((issue) => issue.message).join('; ')} (degrees, e.g. 44.2,33.2,44.6,33.45)`,
    );
  }
  return parsed.data;
}

function parseArchivePath(value: string): string {
  if (!/\.mbtiles$/i.test(value)) throw new InvalidArgumentError('the archive is an .mbtiles file');
  return value;
}

/** Steps on their own lines; tilemaker's tile count in place on a terminal, every quarter otherwise. */
function stderrReporter(stream: NodeJS.WriteStream = process.stderr): ImportReporter {
  let progressShown = false;
  let lastQuarter = -1;
  const endProgress = (): void => {
    if (progressShown && stream.isTTY) stream.write('\n');
    progressShown = false;
  };
  return {
    begin(input, inputBytes, output) {
      stream.write(`nida map import: ${input} (${megabytes(inputBytes)}) → ${output}\n`);
    },
    step(index, total, text) {
      endProgress();
      lastQuarter = -1;
      stream.write(`[${String(index)}/${String(total)}] ${text}\n`);
    },
    tiles(done, total) {
      if (stream.isTTY) {
        stream.write(`\r      tiles ${count(done)} of ${count(total)}`);
        progressShown = true;
        return;
      }
      const quarter = Math.floor((done / Math.max(total, 1)) * 4);
      if (quarter > lastQuarter) {
        lastQuarter = quarter;
        stream.write(`      tiles ${count(done)} of ${count(total)}\n`);
      }
    },
    note(text) {
      endProgress();
      stream.write(`      ${text}\n`);
    },
  };
}

/** Registers `nida map …` on the program. */
export function registerMapCommands(program: Command): void {
  const map = program
    .command('map')
    .description("the map's data: import a street basemap from OpenStreetMap")
    // Usage errors exit 2 (failures are 1); help exits 0. main() turns the error into the exit code.
    .exitOverride((error) => {
      throw new CommanderError(error.exitCode === 0 ? 0 : 2, error.code, error.message);
    });

  map
    .command('import <file>')
    .description(
      'an OpenStreetMap extract (.osm.pbf) → an offline street archive (.mbtiles) and its points of interest ' +
        '(FILE.places.geojson), with osmium and tilemaker',
    )
    .requiredOption('-o, --out <file>', 'the archive to write (….mbtiles)', parseArchivePath)
    .option('--bbox <w,s,e,n>', 'only this box, in degrees (west,south,east,north)', parseBbox)
    .option('--force', 'replace an existing archive')
    .action(async (file: string, options: { out: string; bbox?: Bbox; force?: boolean }) => {
      const input = resolve(file);
      const output = resolve(options.out);
      const summary = await importStreets(
        { input, output, bbox: options.bbox ?? null, force: options.force ?? false },
        { run: runTool, resourcesDir: resourcesDir(), report: stderrReporter(), now: () => performance.now() },
      );
      process.stderr.write(
        [
          `nida map import: done in ${summary.seconds.toFixed(1)} s`,
          `  ${summary.output}: ${count(summary.tiles)} tiles (zoom ${String(summary.minzoom)}–${String(
            summary.maxzoom,
          )}), ${megabytes(summary.bytes)}`,
          `  ${summary.placesFile}: ${count(summary.places)} named places for the gazetteer`,
          `Use it: "map": { "streetBasemap": ${JSON.stringify(summary.output)} } in nida.config.json ` +
            '(docs/map.md; © OpenStreetMap contributors, ODbL)',
          '',
        ].join('\n'),
      );
    });
}
