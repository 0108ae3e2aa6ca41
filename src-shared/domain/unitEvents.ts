import { z } from 'zod';
import { statusSourceSchema, unitDefinitionSchema, unitStatusSchema } from './unit';

/**
 * The events of the unit stream, each with its payload schema: what the store folds into the
 * `units` and `unit_status_history` tables, the same way for this console's writes, for events
 * replicated from other consoles and for a rebuild.
 */
export const unitEventPayloads = {
  /** A roster entry added or edited (its whole definition). */
  'unit.saved': unitDefinitionSchema,
  'unit.statusChanged': z.strictObject({
    status: unitStatusSchema,
    previous: unitStatusSchema,
    source: statusSourceSchema,
    /** The incident the unit is assigned to after the change (null when none). */
    incidentId: z.string().max(40).nullable(),
    reason: z.string().max(500).nullable(),
    /**
     * Center mode: the unit's assignment epoch this change claimed (`assign.<unit>.<epoch>` in the
     * center's claims bucket). Every assignment and every release takes the next epoch.
     */
    epoch: z.number().int().min(1).optional(),
  }),
  /**
   * Center mode: an assignment epoch was taken and given back without an assignment (a dispatch
   * that lost another of its units, or failed after its claims), so the next one is free.
   */
  'unit.epochReleased': z.strictObject({ epoch: z.number().int().min(1), reason: z.string().max(500) }),
  'unit.deviceBound': z.strictObject({ deviceId: z.string().min(1).max(120) }),
  'unit.deviceUnbound': z.strictObject({ deviceId: z.string().min(1).max(120) }),
} as const;

export type UnitEventType = keyof typeof unitEventPayloads;
export const unitEventTypes = Object.keys(unitEventPayloads) as UnitEventType[];
export type UnitEventPayload<T extends UnitEventType> = z.infer<(typeof unitEventPayloads)[T]>;

export type PendingUnitEvent = { [T in UnitEventType]: { type: T; payload: UnitEventPayload<T> } }[UnitEventType];
