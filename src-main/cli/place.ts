import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { PlaceHit } from '../../src-shared/contract/api';
import { formatLocationName, LOCATION_LEVELS, type LocationName } from '../../src-shared/domain/locationNames';
import type { LatLon } from '../../src-shared/domain/geo';
import { resourcesDir } from '../config/appPaths';
import { loadConfig } from '../config/config';
import { createPlaceService, type PlaceService } from '../services/places/placeService';
import { extraPlaceFiles } from '../services/places/streetPlaces';
import { silentLogger } from '../services/runtime/logger';
import { packageVersion } from './paths';

const CLI_CONTEXT = { clientId: 'cli', transport: 'internal', actor: 'cli' } as const;

function parseLatitude(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || Math.abs(number) > 90) throw new InvalidArgumentError('a latitude is -90…90');
  return number;
}

function parseLongitude(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || Math.abs(number) > 180) throw new InvalidArgumentError('a longitude is -180…180');
  return number;
}

/** `33.3046,44.4232` (the order a caller reads a GPS fix in). */
export function parseLatLon(value: string): LatLon {
  const parts = value.split(',').map((part) => part.trim());
  if (parts.length !== 2) throw new InvalidArgumentError('give LAT,LON, e.g. 33.3046,44.4232');
  return { lat: parseLatitude(parts[0] ?? ''), lon: parseLongitude(parts[1] ?? '') };
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw new InvalidArgumentError('a limit is 1-50');
  return limit;
}

/** The shipped gazetteer, plus a center's layers and area when its data directory is given. */
function placeService(dataDir: string | undefined): PlaceService {
  const config = dataDir === undefined ? undefined : loadConfig(resolve(dataDir), packageVersion());
  return createPlaceService({
    resourcesDir: config?.resourcesDir ?? resourcesDir(),
    dataDir: config?.dataDir ?? process.cwd(),
    layers: config === undefined ? [] : [...config.gisLayers, ...extraPlaceFiles(config)],
    area: config?.places.area ?? null,
    logger: silentLogger(),
  });
}

function areaLines(named: LocationName): string[] {
  return LOCATION_LEVELS.flatMap((level) => {
    const area = named[level];
    if (area === undefined) return [];
    const names = [area.name.ar, area.name.en, area.name.ckb].filter((name) => name !== undefined);
    return [`  ${level.padEnd(13)} ${area.code.padEnd(16)} ${names.join(' · ')}`];
  });
}

function hitLine(hit: PlaceHit, rank: number): string {
  const names = [hit.name.ar, hit.name.en, hit.name.ckb].filter((name) => name !== undefined).join(' · ');
  const where = hit.within === undefined ? '' : formatLocationName(hit.within, 'ar');
  return [
    `${String(rank).padStart(2)}. ${names}`,
    `    ${hit.kind} · ${hit.lat.toFixed(5)}, ${hit.lon.toFixed(5)}${where === '' ? '' : ` · ${where}`} · ${hit.id}`,
  ].join('\n');
}

/**
 * `nida place search TEXT` and `nida place at LAT LON`: the console's own gazetteer and location
 * names, for a GIS administrator checking the data and for scripts (`--json`).
 */
export function registerPlaceCommands(program: Command): void {
  const place = program
    .command('place')
    .description('search the offline gazetteer of Iraq, and name where a point lies');

  place
    .command('search <text...>')
    .description('places matching TEXT (Arabic, Sorani or Latin; ALI addresses too), best first')
    .option('--near <lat,lon>', 'rank places near this point first (the caller’s location)', parseLatLon)
    .option('--limit <n>', 'most hits (1-50)', parseLimit, 10)
    .option('--json', 'print the hits as one JSON array')
    .option(
      '-d, --data <dir>',
      "also search the center's GIS layers and street places, and use its area (its nida.config.json)",
    )
    .action(async (words: string[], options: { near?: LatLon; limit: number; json?: boolean; data?: string }) => {
      const service = placeService(options.data);
      const hits = await service.handlers.search(
        { query: words.join(' '), limit: options.limit, ...(options.near !== undefined && { near: options.near }) },
        CLI_CONTEXT,
      );
      if (options.json) {
        process.stdout.write(`${JSON.stringify(hits)}\n`);
        return;
      }
      if (hits.length === 0) {
        process.stderr.write('no place found\n');
        process.exitCode = 1;
        return;
      }
      process.stdout.write(`${hits.map((hit, index) => hitLine(hit, index + 1)).join('\n')}\n`);
    });

  place
    .command('at <lat> <lon>')
    .description('the neighbourhood, sub-district, district and governorate a point lies in')
    .option('--json', 'print the named location as JSON')
    .action(async (lat: string, lon: string, options: { json?: boolean }) => {
      const point = { lat: parseLatitude(lat), lon: parseLongitude(lon) };
      const named = await placeService(undefined).handlers.at(point, CLI_CONTEXT);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(named)}\n`);
        return;
      }
      if (Object.keys(named).length === 0) {
        process.stderr.write('the point lies in no area of Iraq\n');
        process.exitCode = 1;
        return;
      }
      process.stdout.write(
        [formatLocationName(named, 'ar'), formatLocationName(named, 'en'), ...areaLines(named)].join('\n') + '\n',
      );
    });
}
