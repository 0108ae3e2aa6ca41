import { create } from 'zustand';
import type { IncidentRecord } from '../../../src-shared/domain/incident';

export interface IncidentState {
  readonly byId: Readonly<Record<string, IncidentRecord>>;
  /** False until the first open-queue load after a (re)connect. */
  readonly loaded: boolean;
}

export interface IncidentActions {
  /** @internal replaces the open queue on (re)connect */
  replaceOpen: (incidents: readonly IncidentRecord[]) => void;
  /** @internal applies one host event; an older version never overwrites a newer one */
  upsert: (incident: IncidentRecord) => void;
}

export const useIncidentStore = create<IncidentState & IncidentActions>()((set) => ({
  byId: {},
  loaded: false,
  replaceOpen: (incidents) =>
    set({ byId: Object.fromEntries(incidents.map((incident) => [incident.id, incident])), loaded: true }),
  upsert: (incident) =>
    set((current) => {
      const known = current.byId[incident.id];
      if (known && known.version >= incident.version) return current;
      return { byId: { ...current.byId, [incident.id]: incident } };
    }),
}));

const byUrgency = (a: IncidentRecord, b: IncidentRecord): number =>
  a.priority - b.priority || a.createdAt - b.createdAt;

export const incidentSelectors = {
  /** Open incidents, most urgent first: priority, then oldest. */
  openQueue: (state: IncidentState): IncidentRecord[] =>
    Object.values(state.byId)
      .filter((incident) => incident.status !== 'closed')
      .sort(byUrgency),
};
