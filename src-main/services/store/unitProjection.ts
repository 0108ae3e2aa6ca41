import type { UnitEventPayload, UnitEventType } from '../../../src-shared/domain/unitEvents';
import type { UnitRepository } from './unitRepository';

/** A unit event as the store folds it (payload already validated against its schema). */
export type UnitEvent = {
  [T in UnitEventType]: {
    readonly unitId: string;
    readonly type: T;
    readonly payload: UnitEventPayload<T>;
    readonly at: number;
    readonly actor: string;
  };
}[UnitEventType];

/**
 * Folds unit events into the `units` and `unit_status_history` tables: one function for this
 * console's writes, for events replicated from other consoles, and for a rebuild. Whether a change
 * is allowed (the status machine, callsign clashes) is decided before the event is written; the
 * fold itself only records it.
 */
export class UnitProjection {
  static readonly tables = ['units', 'unit_status_history'] as const;

  constructor(private readonly repository: UnitRepository) {}

  apply(event: UnitEvent): void {
    switch (event.type) {
      case 'unit.saved':
        if (this.repository.get(event.unitId)) this.repository.update(event.payload, event.at);
        else this.repository.insert(event.payload, event.at);
        return;
      case 'unit.statusChanged': {
        const { status, previous, source, incidentId, reason, epoch } = event.payload;
        this.repository.setStatus({
          unitId: event.unitId,
          previous,
          status,
          at: event.at,
          source,
          actor: event.actor,
          incidentId,
          reason,
        });
        if (epoch !== undefined) this.repository.raiseEpoch(event.unitId, epoch);
        return;
      }
      case 'unit.epochReleased':
        this.repository.raiseEpoch(event.unitId, event.payload.epoch);
        return;
      case 'unit.deviceBound':
        this.repository.setDevice(event.unitId, event.payload.deviceId, event.at);
        return;
      case 'unit.deviceUnbound':
        if (this.repository.get(event.unitId)?.deviceId === event.payload.deviceId)
          this.repository.setDevice(event.unitId, null, event.at);
        return;
    }
  }

  forget(unitId: string): void {
    this.repository.forget(unitId);
  }
}
