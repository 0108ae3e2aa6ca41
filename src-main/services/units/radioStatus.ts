import { readJsonFile } from '../runtime/jsonFile';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  mapRadioStatus,
  radioStatusMapSchema,
  type RadioFrame,
  type RadioStatusMap,
} from '../../../src-shared/domain/protocols/radio';
import type { Logger } from '../runtime/logger';
import type { UnitService } from './unitService';

export class RadioStatusMapError extends Error {
  override readonly name = 'RadioStatusMapError';
}

/** The center's radio status table: `<data>/radio/status-map.json`, else the shipped one. */
export function loadRadioStatusMap(dataDir: string, resourcesDir: string): RadioStatusMap {
  const candidates = [join(dataDir, 'radio', 'status-map.json'), join(resourcesDir, 'radio', 'status-map.json')];
  const path = candidates.find((candidate) => existsSync(candidate));
  if (!path) throw new RadioStatusMapError(`radio status table not found in ${candidates.join(' or ')}`);
  let raw: unknown;
  try {
    raw = readJsonFile(path);
  } catch (error) {
    throw new RadioStatusMapError(`${path}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = radioStatusMapSchema.safeParse(raw);
  if (!parsed.success) {
    throw new RadioStatusMapError(
      `${path} is invalid: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

export interface RadioStatusCounters {
  applied: number;
  refused: number;
  unmapped: number;
  unknownRadio: number;
  /** Radio ids heard that no unit carries, with how many status frames each sent. */
  readonly unknownRadios: Map<string, number>;
}

/**
 * Radio status frames (`STS`) → unit status: the radio id is looked up in the roster, the code in
 * the status table, and the change goes through the unit status machine with source `radio`. An
 * unknown radio id, an unmapped code or an illegal transition is counted and logged; never thrown.
 */
export function createRadioStatusHandler(deps: {
  statusMap: RadioStatusMap;
  units: Pick<UnitService, 'applyRadioStatus'>;
  logger: Logger;
}): { handle(frame: RadioFrame, source: string): void; readonly counters: RadioStatusCounters } {
  const counters: RadioStatusCounters = {
    applied: 0,
    refused: 0,
    unmapped: 0,
    unknownRadio: 0,
    unknownRadios: new Map(),
  };
  return {
    counters,
    handle(frame, source) {
      if (frame.kind !== 'status') return;
      const status = mapRadioStatus(deps.statusMap, frame.statusCode);
      if (status === null) {
        counters.unmapped++;
        deps.logger.info({ radioId: frame.unitId, code: frame.statusCode, source }, 'unmapped radio status');
        return;
      }
      const outcome = deps.units.applyRadioStatus(frame.unitId, status, `radio:${frame.unitId}`);
      switch (outcome.outcome) {
        case 'applied':
          counters.applied++;
          return;
        case 'unknown-radio': {
          counters.unknownRadio++;
          const seen = counters.unknownRadios.get(frame.unitId) ?? 0;
          // Once per radio at warn level, then quietly counted: a stray radio must not flood the log.
          if (seen === 0) deps.logger.warn({ radioId: frame.unitId, source }, 'status from a radio no unit carries');
          if (seen > 0 || counters.unknownRadios.size < 1_000) counters.unknownRadios.set(frame.unitId, seen + 1);
          return;
        }
        case 'refused':
          counters.refused++;
          deps.logger.warn(
            { radioId: frame.unitId, unit: outcome.unit.callsign, status, reason: outcome.reason, source },
            'radio status refused by the status machine',
          );
          return;
      }
    },
  };
}
