/**
 * The incident mix of the KPI fixture (tests/node/kpi/fixtures/kpiStore.ts) and the KPI bench
 * (bench/kpi.bench.ts): types with the agencies they are routed to, and where the calls come from.
 */

/** Incident types of the taxonomy, each with its agencies (the first is the lead). */
export const KPI_SAMPLE_TYPES: readonly [string, readonly string[]][] = [
  ['traffic-accident-injuries', ['traffic-police', 'ambulance', 'police-patrols']],
  ['building-fire', ['civil-defence', 'ambulance']],
  ['cardiac-arrest', ['ambulance']],
  ['theft', ['police-patrols']],
  ['shooting', ['police-patrols', 'ambulance', 'forensics']],
  ['electricity-hazard', ['electricity-emergency']],
];

/** Baghdad, Basra, Mosul, Erbil, Najaf (lat, lon). */
export const KPI_SAMPLE_CITIES: readonly [number, number][] = [
  [33.31, 44.36],
  [30.51, 47.81],
  [36.34, 43.13],
  [36.19, 44.01],
  [32.0, 44.33],
];

/** A point in the western desert, far from any governorate's town (lat, lon). */
export const KPI_SAMPLE_DESERT: [number, number] = [31.2, 40.9];
