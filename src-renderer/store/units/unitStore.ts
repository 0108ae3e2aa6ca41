import { create } from 'zustand';
import type { UnitRecord } from '../../../src-shared/domain/unit';

export interface UnitState {
  /** Every unit of the roster, by id. */
  readonly units: Readonly<Record<string, UnitRecord>>;
}

export interface UnitActions {
  /** @internal from resync */
  replaceAll: (units: readonly UnitRecord[]) => void;
  /** @internal one host event; an older version than the one held is ignored */
  upsert: (unit: UnitRecord) => void;
}

export const useUnitStore = create<UnitState & UnitActions>()((set) => ({
  units: {},
  replaceAll: (units) => set({ units: Object.fromEntries(units.map((unit) => [unit.id, unit])) }),
  upsert: (unit) =>
    set((current) => {
      const held = current.units[unit.id];
      if (held && held.version > unit.version) return current;
      return { units: { ...current.units, [unit.id]: unit } };
    }),
}));
