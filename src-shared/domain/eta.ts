/**
 * Estimated travel time of a unit to an incident (docs/eta.md). Deliberately simple and explainable:
 * straight-line distance × a road detour factor, at an average emergency speed per agency, plus a
 * turnout time when the crew is in station. No road graph, no live traffic: it ranks units, it does
 * not promise arrival times. Pure: no Node, no DOM.
 */

export interface EtaModel {
  /** Road distance ÷ straight-line distance in the city (Baghdad grid with river crossings). */
  readonly detourFactor: number;
  /** Average speed with lights and siren, km/h, by agency code. */
  readonly speedKmh: Readonly<Record<string, number>>;
  readonly defaultSpeedKmh: number;
  /** Seconds from the alert to the wheels rolling, for a crew in station (status `available`). */
  readonly turnoutS: Readonly<Record<string, number>>;
  readonly defaultTurnoutS: number;
}

export const DEFAULT_ETA_MODEL: EtaModel = {
  detourFactor: 1.4,
  speedKmh: {
    'police-patrols': 40,
    'traffic-police': 40,
    'community-police': 35,
    ambulance: 38,
    'civil-defence': 32,
  },
  defaultSpeedKmh: 32,
  turnoutS: { 'civil-defence': 90, ambulance: 60, 'police-patrols': 30, 'traffic-police': 30 },
  defaultTurnoutS: 60,
};

/** Where the estimate starts: a live AVL fix, the home station (no fix, or a stale/lost one), or a stale fix when the unit has no station. */
export type OriginKind = 'live' | 'home' | 'stale';

export interface EtaInput {
  readonly distanceM: number;
  readonly agency: string;
  /** The crew is in station and must turn out first (`available`, not `available-on-radio`). */
  readonly inStation: boolean;
}

/** Road distance the model assumes for a straight-line distance. */
export function roadDistanceM(distanceM: number, model: EtaModel = DEFAULT_ETA_MODEL): number {
  return distanceM * model.detourFactor;
}

/** Estimated seconds to arrive, rounded to whole seconds. */
export function etaSeconds(input: EtaInput, model: EtaModel = DEFAULT_ETA_MODEL): number {
  const speedMs = ((model.speedKmh[input.agency] ?? model.defaultSpeedKmh) * 1000) / 3600;
  const turnout = input.inStation ? (model.turnoutS[input.agency] ?? model.defaultTurnoutS) : 0;
  return Math.round(turnout + roadDistanceM(input.distanceM, model) / speedMs);
}

/**
 * The farthest straight-line distance from which any unit could still arrive within `etaS`: the
 * fastest speed of the model, no turnout. Units beyond it cannot beat `etaS`, which lets the
 * recommendation stop searching the spatial index there.
 */
export function reachableDistanceM(etaS: number, model: EtaModel = DEFAULT_ETA_MODEL): number {
  const fastestKmh = Math.max(model.defaultSpeedKmh, ...Object.values(model.speedKmh));
  return (etaS * ((fastestKmh * 1000) / 3600)) / model.detourFactor;
}
