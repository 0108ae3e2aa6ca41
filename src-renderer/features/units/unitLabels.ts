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

/**
 * Sort order of statuses on the board: committed units first, in the order of the dispatch cycle (the
 * dispatcher watches those), then the free ones, out of service last.
 */
export const STATUS_ORDER: Readonly<Record<UnitStatus, number>> = {
  dispatched: 0,
  'en-route': 1,
  'on-scene': 2,
  transporting: 3,
  'at-hospital': 4,
  'available-on-radio': 5,
  available: 6,
  'out-of-service': 7,
};

/** Statuses of a unit working an incident (the top of the board). */
export function isCommitted(status: UnitStatus): boolean {
  return STATUS_ORDER[status] <= STATUS_ORDER['at-hospital'];
}

/**
 * Status colours of the board and the map. None is a priority colour (red, orange, amber, yellow,
 * light blue): a unit on scene must never read as a P1 incident.
 */
export const UNIT_STATUS_COLOURS: Readonly<Record<UnitStatus, string>> = {
  available: '#2fbf71',
  'available-on-radio': '#1fa39a',
  dispatched: '#d9a3ff',
  'en-route': '#9b6bff',
  'on-scene': '#ff4fd8',
  transporting: '#6a7dff',
  'at-hospital': '#b3c7e6',
  'out-of-service': '#5d6b80',
};
