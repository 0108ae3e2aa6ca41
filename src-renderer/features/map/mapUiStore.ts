import { create } from 'zustand';
import type { IncidentLocation } from '../../../src-shared/domain/incident';
import type { MapTheme } from './basemapStyle';

const THEME_KEY = 'nida.map.theme';

function savedTheme(): MapTheme {
  try {
    return window.localStorage.getItem(THEME_KEY) === 'day' ? 'day' : 'night';
  } catch {
    return 'night';
  }
}

export interface MapUiState {
  /** Control rooms are lit low: night by default; a workstation keeps what its dispatcher picks. */
  readonly theme: MapTheme;
  /** The unit the camera keeps centred on as it moves, if any. */
  readonly followUnitId: string | null;
  /** Distance measuring: the clicked points ([lon, lat]) while it is on, `null` when off. */
  readonly measure: readonly (readonly [number, number])[] | null;
  readonly creditsOpen: boolean;
  /** Where the dispatcher right-clicked: screen point and map position. */
  readonly contextMenu: { readonly x: number; readonly y: number; readonly lon: number; readonly lat: number } | null;
  /** The place picked in the map's search, marked until the next search. */
  readonly searchResult: { readonly lon: number; readonly lat: number } | null;
  /** The last "zoom" asked for from outside the map (a radio emergency's alarm); `seq` repeats it. */
  readonly zoomRequest: { readonly lon: number; readonly lat: number; readonly seq: number } | null;
  /** Where the dispatcher was before the map followed a call or an incident (Alt+B goes back there). */
  readonly returnView: MapView | null;
  /** A place the map is asked to show (a new incident); `seq` makes a repeat of the same place a new request. */
  readonly showRequest: { readonly location: IncidentLocation; readonly seq: number } | null;
  /** The agency the unit board shows, and so the map's units: null for every agency. */
  readonly unitAgency: string | null;
  /** The credit line of the street basemap the map has loaded (its archive's attribution), if any. */
  readonly streetCredit: string | null;
}

/** A camera position: centre ([lon, lat]) and zoom. */
export interface MapView {
  readonly center: readonly [number, number];
  readonly zoom: number;
}

export interface MapUiActions {
  setTheme: (theme: MapTheme) => void;
  follow: (unitId: string | null) => void;
  toggleMeasure: () => void;
  addMeasurePoint: (point: readonly [number, number]) => void;
  setCreditsOpen: (open: boolean) => void;
  openContextMenu: (menu: MapUiState['contextMenu']) => void;
  showSearchResult: (point: MapUiState['searchResult']) => void;
  requestZoom: (point: { readonly lon: number; readonly lat: number }) => void;
  setReturnView: (view: MapView | null) => void;
  /** Asks the map to show a place (the console's map pane follows the request). */
  show: (location: IncidentLocation) => void;
  setUnitAgency: (agency: string | null) => void;
  /** @internal Set by the street basemap layer when its archive is drawn, cleared when it goes. */
  setStreetCredit: (credit: string | null) => void;
}

export const useMapUiStore = create<MapUiState & MapUiActions>()((set) => ({
  theme: savedTheme(),
  followUnitId: null,
  measure: null,
  creditsOpen: false,
  contextMenu: null,
  searchResult: null,
  zoomRequest: null,
  returnView: null,
  showRequest: null,
  unitAgency: null,
  streetCredit: null,
  setTheme: (theme) => {
    try {
      window.localStorage.setItem(THEME_KEY, theme);
    } catch {
      // a locked-down profile without storage keeps the theme for this session only
    }
    set({ theme });
  },
  follow: (followUnitId) => set({ followUnitId }),
  toggleMeasure: () => set((state) => ({ measure: state.measure ? null : [] })),
  addMeasurePoint: (point) => set((state) => (state.measure ? { measure: [...state.measure, point] } : state)),
  setCreditsOpen: (creditsOpen) => set({ creditsOpen }),
  openContextMenu: (contextMenu) => set({ contextMenu }),
  showSearchResult: (searchResult) => set({ searchResult }),
  requestZoom: (point) =>
    set((state) => ({ zoomRequest: { lon: point.lon, lat: point.lat, seq: (state.zoomRequest?.seq ?? 0) + 1 } })),
  setReturnView: (returnView) => set({ returnView }),
  show: (location) => set((state) => ({ showRequest: { location, seq: (state.showRequest?.seq ?? 0) + 1 } })),
  setUnitAgency: (unitAgency) => set({ unitAgency }),
  setStreetCredit: (streetCredit) => set({ streetCredit }),
}));
