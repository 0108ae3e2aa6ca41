import type { IncidentUnit } from '../../../src-shared/domain/incident';
import type { UnitStatus } from '../../../src-shared/domain/unit';

type StatusKey =
  | 'available'
  | 'availableOnRadio'
  | 'dispatched'
  | 'enRoute'
  | 'onScene'
  | 'transporting'
  | 'atHospital'
  | 'outOfService'
  | 'cleared';

const KEYS: Readonly<Record<UnitStatus | IncidentUnit['status'], StatusKey>> = {
  available: 'available',
  'available-on-radio': 'availableOnRadio',
  dispatched: 'dispatched',
  'en-route': 'enRoute',
  'on-scene': 'onScene',
  transporting: 'transporting',
  'at-hospital': 'atHospital',
  'out-of-service': 'outOfService',
  cleared: 'cleared',
};

/** The catalogue key of a unit status (`units.statusLabel.*`). */
export function unitStatusKey(status: UnitStatus | IncidentUnit['status']): `units.statusLabel.${StatusKey}` {
  return `units.statusLabel.${KEYS[status]}`;
}

/** The board's status keys: the radio status buttons' digits (resources/radio/status-map.json). */
export const STATUS_KEYS: Readonly<Record<string, UnitStatus>> = {
  '0': 'out-of-service',
  '1': 'available',
  '2': 'available-on-radio',
  '4': 'en-route',
  '5': 'on-scene',
  '6': 'transporting',
  '7': 'at-hospital',
};

/** Sort order of statuses on the board: free units first, then the dispatch cycle. */
export const STATUS_ORDER: Readonly<Record<UnitStatus, number>> = {
  available: 0,
  'available-on-radio': 1,
  dispatched: 2,
  'en-route': 3,
  'on-scene': 4,
  transporting: 5,
  'at-hospital': 6,
  'out-of-service': 7,
};
