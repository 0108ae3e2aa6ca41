import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseGazetteer } from '../../../src-shared/domain/gazetteer';
import type { GovernoratePlace } from '../../../src-shared/domain/kpi';
import type { Shift } from '../../../src-shared/domain/shifts';
import type { Logger } from '../runtime/logger';
import { GAZETTEER_FILE } from '../places/placeService';

/**
 * The gazetteer places that name their governorate, for `governorateResolver`. A missing or bad
 * file only loses the governorate grouping (the place service refuses to start on it anyway).
 */
export function loadGovernoratePlaces(
  resourcesDir: string,
  logger: Logger,
): { places: readonly GovernoratePlace[]; names: readonly { code: string; name: Shift['name'] }[] } {
  try {
    const parsed = parseGazetteer(JSON.parse(readFileSync(join(resourcesDir, GAZETTEER_FILE), 'utf8')));
    if (!parsed.ok) throw new Error(parsed.errors.slice(0, 3).join('; '));
    const places = parsed.value.filter((place) => place.gov !== undefined);
    const names = places
      .filter((place) => place.kind === 'governorate')
      .map((place) => {
        const code = place.gov ?? '';
        const en = place.name.en ?? code;
        return { code, name: { ar: place.name.ar ?? en, en, ckb: place.name.ckb ?? en } };
      })
      .sort((a, b) => a.code.localeCompare(b.code));
    return { places, names };
  } catch (error) {
    logger.warn({ err: error }, 'gazetteer unreadable: KPIs are not grouped by governorate');
    return { places: [], names: [] };
  }
}
