import type { UnitRecord, UnitStatus } from '../../../src-shared/domain/unit';

/**
 * What the AVL service needs from the units roster (the host passes the roster service itself):
 * which unit a device belongs to, binding a device to a unit, and a status a unit's device reported.
 */
export interface AvlUnitDirectory {
  /** Hot path (every message): must be a memory lookup. */
  unitIdForDevice(deviceId: string): string | null;
  /** Makes `deviceId` this unit's device (and no other unit's); `actor` is recorded. Throws AppError. */
  bindDevice(deviceId: string, unitId: string, actor: string): UnitRecord | Promise<UnitRecord>;
  /**
   * A status the unit's device (MDT) sent with a fix at `at`, with the hospital it named for a
   * transport; called only when the status changes.
   */
  applyDeviceStatus?(unitId: string, status: UnitStatus, at: number, destination: string | null): unknown;
}
