import type { CallContext, Handlers, UnitApi } from '../../../src-shared/contract/api';
import { AppError } from '../../../src-shared/contract/errors';
import {
  unitDefinitionSchema,
  type UnitDefinition,
  type UnitRecord,
  type UnitStatus,
} from '../../../src-shared/domain/unit';
import type { Logger } from '../../host/logger';

/**
 * What the AVL service needs from the units roster: which unit a device belongs to, binding a
 * device to a unit, and (optionally) a status a unit's device reported.
 */
export interface AvlUnitDirectory {
  /** Hot path (every message): must be a memory lookup. */
  unitIdForDevice(deviceId: string): string | null;
  /** Makes `deviceId` the unit's device (and no other unit's); the roster records who did it. */
  bindDevice(deviceId: string, unitId: string, context: CallContext): Promise<UnitRecord>;
  /** A status the unit's device sent with a position (MDT); called only when it changes. */
  applyDeviceStatus?(unitId: string, status: UnitStatus, deviceId: string): Promise<void>;
}

/** The roster's own context for changes the AVL feed makes on a device's behalf. */
function deviceContext(deviceId: string): CallContext {
  return { clientId: 'avl', transport: 'internal', actor: `device:${deviceId}` };
}

const SYSTEM_CONTEXT: CallContext = { clientId: 'avl', transport: 'internal', actor: 'system:avl' };

const definitionKeys = Object.keys(unitDefinitionSchema.shape) as (keyof UnitDefinition)[];

/** The roster fields of a unit record, with a new device id (what `unit.save` takes). */
function definitionOf(unit: UnitRecord, deviceId: string | null): UnitDefinition {
  const definition = Object.fromEntries(definitionKeys.map((key) => [key, unit[key]])) as unknown as UnitDefinition;
  return { ...definition, deviceId };
}

/**
 * The AVL directory over the host's unit handlers: a device → unit map kept from `unit.list`, then
 * updated from every `onUnitChanged` (call `unitChanged`) and refreshed now and then as a safety net.
 */
export function createRosterDirectory(
  units: () => Handlers<UnitApi>,
  logger: Logger,
): AvlUnitDirectory & { refresh(): Promise<void>; unitChanged(unit: UnitRecord): void } {
  let byDevice = new Map<string, string>();
  let byUnit = new Map<string, UnitRecord>();

  const unitChanged = (unit: UnitRecord): void => {
    const previous = byUnit.get(unit.id);
    if (previous?.deviceId && byDevice.get(previous.deviceId) === unit.id) byDevice.delete(previous.deviceId);
    byUnit.set(unit.id, unit);
    if (unit.deviceId) byDevice.set(unit.deviceId, unit.id);
  };

  const refresh = async (): Promise<void> => {
    try {
      const list = await units().list({}, SYSTEM_CONTEXT);
      byUnit = new Map(list.map((unit) => [unit.id, unit]));
      byDevice = new Map(list.flatMap((unit) => (unit.deviceId ? [[unit.deviceId, unit.id] as const] : [])));
    } catch (error) {
      logger.error({ err: error }, 'AVL could not read the units roster');
    }
  };

  const save = async (unit: UnitRecord, deviceId: string | null, context: CallContext): Promise<UnitRecord> => {
    const saved = await units().save({ unit: definitionOf(unit, deviceId), expectedVersion: unit.version }, context);
    unitChanged(saved);
    return saved;
  };

  return {
    unitIdForDevice: (deviceId) => byDevice.get(deviceId) ?? null,
    async bindDevice(deviceId, unitId, context) {
      if (!byUnit.has(unitId)) await refresh();
      const unit = byUnit.get(unitId);
      if (!unit) throw new AppError('NOT_FOUND', `no unit ${unitId} in the roster`);
      const holderId = byDevice.get(deviceId);
      const holder = holderId === undefined || holderId === unitId ? undefined : byUnit.get(holderId);
      if (holder) await save(holder, null, context);
      if (unit.deviceId === deviceId) return unit;
      return save(unit, deviceId, context);
    },
    async applyDeviceStatus(unitId, status, deviceId) {
      const unit = byUnit.get(unitId);
      if (!unit || unit.status === status) return;
      unitChanged(await units().setStatus({ unitId, status }, deviceContext(deviceId)));
    },
    refresh,
    unitChanged,
  };
}
