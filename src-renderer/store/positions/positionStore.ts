import { create } from 'zustand';
import type { UnitPosition } from '../../../src-shared/domain/unit';

export interface PositionState {
  /** Latest position per unit id. Replaced (not mutated) on every batch so subscribers see a change. */
  readonly positions: ReadonlyMap<string, UnitPosition>;
  /** Unit ids changed by the latest batch: the map applies only these as a diff. */
  readonly changed: readonly string[];
}

export interface PositionActions {
  /** @internal from resync */
  replaceAll: (positions: readonly UnitPosition[]) => void;
  /** @internal one `onUnitPositions` batch */
  apply: (positions: readonly UnitPosition[]) => void;
}

export const usePositionStore = create<PositionState & PositionActions>()((set) => ({
  positions: new Map(),
  changed: [],
  replaceAll: (positions) =>
    set({
      positions: new Map(positions.map((position) => [position.unitId, position])),
      changed: positions.map((position) => position.unitId),
    }),
  apply: (batch) =>
    set((current) => {
      const positions = new Map(current.positions);
      for (const position of batch) positions.set(position.unitId, position);
      return { positions, changed: batch.map((position) => position.unitId) };
    }),
}));
