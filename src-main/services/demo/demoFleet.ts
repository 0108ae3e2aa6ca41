import { encodeNidaPayload, type DeviceFix } from '../../../src-shared/domain/avl/payloads';
import { DEFAULT_ETA_MODEL } from '../../../src-shared/domain/eta';
import { bearingDeg, distanceM, type LatLon } from '../../../src-shared/domain/geo';
import type { Random } from '../../../src-shared/domain/random';
import type { UnitStatus } from '../../../src-shared/domain/unit';
import { planRoute, pointAlong, routeLengthM } from './demoRoutes';

/**
 * The demo's vehicles: each one behaves like a crew with a tracker and an MDT. A dispatch makes it
 * turn out, drive to the incident and report en route, on scene, (transporting, at hospital), then
 * clear and drive back to its station. Everything it does leaves as the MQTT messages a real
 * tracker sends (Nida's JSON with the MDT `status` field), so the console sees the demo through the
 * AVL service and the unit status machine like any live unit. Pure: time comes in through `tick`.
 */

export interface DemoFleetUnit {
  readonly id: string;
  readonly agency: string;
  readonly kind: string;
  readonly deviceId: string;
  /** The station it returns to; a unit without one parks where it cleared. */
  readonly home: LatLon | null;
}

export interface DemoFleetOptions {
  /** Mean minutes a crew stays on scene (varies by agency and ±40 %). */
  readonly onSceneMinutes: number;
  /** Mean minutes an ambulance crew stays at the hospital after a transport. */
  readonly atHospitalMinutes: number;
  /** Seconds between two position reports of a parked unit (a moving one reports at least every 3 s). */
  readonly reportEverySeconds: number;
}

export const DEFAULT_FLEET_OPTIONS: DemoFleetOptions = {
  onSceneMinutes: 8,
  atHospitalMinutes: 6,
  reportEverySeconds: 5,
};

/** Baghdad hospitals that take ambulance patients, typed by us for the demo (approximate). */
export const DEMO_HOSPITALS: readonly { readonly name: string; readonly at: LatLon }[] = [
  { name: 'مدينة الطب', at: { lat: 33.3465, lon: 44.3875 } },
  { name: 'مستشفى الكندي', at: { lat: 33.331, lon: 44.429 } },
  { name: 'مستشفى اليرموك', at: { lat: 33.2975, lon: 44.349 } },
  { name: 'مستشفى الكاظمية التعليمي', at: { lat: 33.38, lon: 44.335 } },
  { name: 'مستشفى الإمام علي', at: { lat: 33.39, lon: 44.455 } },
];

/** Where a unit without a station starts: Tahrir Square. */
const CITY_CENTRE: LatLon = { lat: 33.3333, lon: 44.4197 };
/** A moving vehicle's tracker reports at least this often. */
const MOVING_REPORT_MS = 3_000;
/** Share of ambulance calls that end in a transport. */
const TRANSPORT_SHARE = 0.7;
/** Time on scene relative to the mean, by agency (a fire takes longer than a traffic stop). */
const SCENE_FACTOR: Readonly<Record<string, number>> = {
  'civil-defence': 1.6,
  ambulance: 0.6,
  'traffic-police': 0.8,
  'police-patrols': 1,
};

export type DemoLeg = 'scene' | 'hospital' | 'home';

export type DemoPhase =
  | { readonly kind: 'parked' }
  | { readonly kind: 'turnout'; readonly until: number; readonly incidentId: string; readonly destination: LatLon }
  | {
      readonly kind: 'driving';
      readonly leg: DemoLeg;
      readonly incidentId: string | null;
      readonly path: readonly LatLon[];
      readonly lengthM: number;
      readonly speedMs: number;
      travelledM: number;
      /** The hospital's name on the hospital leg (reported with `transporting`). */
      readonly hospital?: string;
    }
  | { readonly kind: 'on-scene'; readonly until: number; readonly incidentId: string }
  | { readonly kind: 'at-hospital'; readonly until: number; readonly incidentId: string; readonly hospital?: string };

interface FleetVehicle {
  readonly unit: DemoFleetUnit;
  position: LatLon;
  phase: DemoPhase;
  /** The time the vehicle has been advanced to. */
  clock: number;
  lastFixAt: number;
  /** A status to send once with the next fix (arrived home: available). */
  announce: UnitStatus | null;
}

/** What the console says of a unit, as the fleet needs it (a `UnitRecord` fits). */
export interface FleetUnitState {
  readonly id: string;
  readonly status: UnitStatus;
  readonly incidentId: string | null;
}

export interface DemoFleet {
  /**
   * A unit changed on the console. `destination` is where its incident is (null when it has none or
   * none is known). A dispatch starts a response; a unit cleared by the dispatcher drives home.
   */
  unitChanged(unit: FleetUnitState, destination: LatLon | null, now: number): void;
  /** Advances every vehicle to `now` and publishes the reports that fell due. */
  tick(now: number): void;
  /** Where a vehicle is and what it is doing (tests, diagnostics). */
  vehicle(unitId: string): { readonly position: LatLon; readonly phase: DemoPhase } | null;
}

export function createDemoFleet(deps: {
  readonly units: readonly DemoFleetUnit[];
  /** Sends one tracker message: `payload` on the device's topic. */
  readonly publish: (deviceId: string, payload: string) => void;
  readonly random: Random;
  readonly now: number;
  readonly options?: Partial<DemoFleetOptions>;
}): DemoFleet {
  const options = { ...DEFAULT_FLEET_OPTIONS, ...deps.options };
  const { random } = deps;
  const reportMs = Math.max(1, options.reportEverySeconds) * 1000;
  const vehicles = new Map<string, FleetVehicle>();
  deps.units.forEach((unit, index) => {
    vehicles.set(unit.id, {
      unit,
      position: unit.home ?? CITY_CENTRE,
      phase: { kind: 'parked' },
      clock: deps.now,
      // Spread the first reports over one interval, as real trackers switched on at different times.
      lastFixAt: deps.now - reportMs + ((index * 977) % reportMs),
      announce: null,
    });
  });

  const vary = (mean: number, spread: number): number => mean * (1 - spread + 2 * spread * random());
  const speedFor = (agency: string, leg: DemoLeg): number => {
    const kmh = DEFAULT_ETA_MODEL.speedKmh[agency] ?? DEFAULT_ETA_MODEL.defaultSpeedKmh;
    // Lights and siren to the scene and the hospital; normal traffic on the way home.
    return vary((kmh / 3.6) * (leg === 'home' ? 0.8 : 1), 0.15);
  };
  const atHome = (vehicle: FleetVehicle): boolean =>
    vehicle.unit.home !== null && distanceM(vehicle.position, vehicle.unit.home) < 30;

  const statusOf = (vehicle: FleetVehicle): UnitStatus | null => {
    const phase = vehicle.phase;
    switch (phase.kind) {
      case 'parked':
      case 'turnout':
        return null;
      case 'driving':
        return phase.leg === 'scene' ? 'en-route' : phase.leg === 'hospital' ? 'transporting' : 'available-on-radio';
      case 'on-scene':
        return 'on-scene';
      case 'at-hospital':
        return 'at-hospital';
    }
  };

  const report = (vehicle: FleetVehicle, at: number): void => {
    const fixAt = Math.max(at, vehicle.lastFixAt + 1);
    vehicle.lastFixAt = fixAt;
    const phase = vehicle.phase;
    const moving = phase.kind === 'driving';
    const ahead = moving ? pointAlong(phase.path, phase.travelledM + 20) : vehicle.position;
    const fix: DeviceFix = {
      lat: Math.round(vehicle.position.lat * 1e6) / 1e6,
      lon: Math.round(vehicle.position.lon * 1e6) / 1e6,
      at: fixAt,
      speed: moving ? Math.round(phase.speedMs * 10) / 10 : 0,
      heading:
        moving && distanceM(vehicle.position, ahead) > 1 ? Math.round(bearingDeg(vehicle.position, ahead)) % 360 : null,
      accuracyM: Math.round(3 + random() * 7),
    };
    const status = statusOf(vehicle) ?? vehicle.announce;
    vehicle.announce = null;
    // The crew names its hospital with the transport, as an MDT would: the unit board shows it.
    const hospital = phase.kind === 'driving' || phase.kind === 'at-hospital' ? phase.hospital : undefined;
    deps.publish(vehicle.unit.deviceId, encodeNidaPayload(fix, status ?? undefined, hospital));
  };

  const drive = (
    vehicle: FleetVehicle,
    leg: DemoLeg,
    to: LatLon,
    incidentId: string | null,
    hospital?: string,
  ): void => {
    const path = planRoute(vehicle.position, to);
    vehicle.phase = {
      kind: 'driving',
      leg,
      incidentId,
      path,
      lengthM: routeLengthM(path),
      speedMs: speedFor(vehicle.unit.agency, leg),
      travelledM: 0,
      ...(hospital !== undefined && { hospital }),
    };
  };

  const goHome = (vehicle: FleetVehicle): void => {
    if (vehicle.unit.home === null || atHome(vehicle)) {
      vehicle.phase = { kind: 'parked' };
      vehicle.announce = 'available';
      return;
    }
    drive(vehicle, 'home', vehicle.unit.home, null);
  };

  const nearestHospital = (from: LatLon): { readonly name?: string; readonly at: LatLon } => {
    let best: { readonly name?: string; readonly at: LatLon } = DEMO_HOSPITALS[0] ?? { at: CITY_CENTRE };
    for (const hospital of DEMO_HOSPITALS) if (distanceM(from, hospital.at) < distanceM(from, best.at)) best = hospital;
    return best;
  };

  /** The phase after the current one ends at `at`; a status change is reported at once. */
  const finishPhase = (vehicle: FleetVehicle, at: number): void => {
    const phase = vehicle.phase;
    switch (phase.kind) {
      case 'parked':
        return;
      case 'turnout':
        drive(vehicle, 'scene', phase.destination, phase.incidentId);
        break;
      case 'driving':
        vehicle.position = phase.path[phase.path.length - 1] ?? vehicle.position;
        if (phase.leg === 'scene' && phase.incidentId !== null) {
          const factor = SCENE_FACTOR[vehicle.unit.agency] ?? 1;
          vehicle.phase = {
            kind: 'on-scene',
            until: at + vary(options.onSceneMinutes * factor * 60_000, 0.4),
            incidentId: phase.incidentId,
          };
        } else if (phase.leg === 'hospital' && phase.incidentId !== null) {
          vehicle.phase = {
            kind: 'at-hospital',
            until: at + vary(options.atHospitalMinutes * 60_000, 0.4),
            incidentId: phase.incidentId,
            ...(phase.hospital !== undefined && { hospital: phase.hospital }),
          };
        } else {
          vehicle.phase = { kind: 'parked' };
          vehicle.announce = 'available';
        }
        break;
      case 'on-scene':
        if (vehicle.unit.agency === 'ambulance' && random() < TRANSPORT_SHARE) {
          const hospital = nearestHospital(vehicle.position);
          drive(vehicle, 'hospital', hospital.at, phase.incidentId, hospital.name);
        } else goHome(vehicle);
        break;
      case 'at-hospital':
        goHome(vehicle);
        break;
    }
    report(vehicle, at);
  };

  const advance = (vehicle: FleetVehicle, now: number): void => {
    for (let guard = 0; guard < 16; guard++) {
      const phase = vehicle.phase;
      if (phase.kind === 'parked') break;
      if (phase.kind === 'driving') {
        const remainingMs = ((phase.lengthM - phase.travelledM) / phase.speedMs) * 1000;
        if (vehicle.clock + remainingMs <= now) {
          vehicle.clock += remainingMs;
          finishPhase(vehicle, vehicle.clock);
          continue;
        }
        phase.travelledM += (phase.speedMs * (now - vehicle.clock)) / 1000;
        vehicle.position = pointAlong(phase.path, phase.travelledM);
        break;
      }
      if (phase.until > now) break;
      vehicle.clock = phase.until;
      finishPhase(vehicle, vehicle.clock);
    }
    vehicle.clock = now;
  };

  /** The incident the vehicle is working on, if any. */
  const workingOn = (phase: DemoPhase): string | null =>
    phase.kind === 'parked' ? null : phase.kind === 'driving' && phase.leg === 'home' ? null : phase.incidentId;

  return {
    unitChanged(unit, destination, now) {
      const vehicle = vehicles.get(unit.id);
      if (!vehicle) return;
      advance(vehicle, now);
      const current = workingOn(vehicle.phase);
      if (unit.status === 'out-of-service') {
        vehicle.phase = { kind: 'parked' };
        return;
      }
      if (unit.incidentId === null) {
        // Cleared on the console (or the incident closed) while still working: back to the station.
        if (current !== null) {
          goHome(vehicle);
          report(vehicle, now);
        }
        return;
      }
      if (unit.incidentId === current || destination === null) return;
      switch (unit.status) {
        case 'dispatched': {
          // A crew in its station needs its turnout time; one already on the road reacts within seconds.
          const turnoutS =
            atHome(vehicle) && vehicle.phase.kind === 'parked'
              ? vary(DEFAULT_ETA_MODEL.turnoutS[vehicle.unit.agency] ?? DEFAULT_ETA_MODEL.defaultTurnoutS, 0.3)
              : vary(10, 0.5);
          vehicle.phase = { kind: 'turnout', until: now + turnoutS * 1000, incidentId: unit.incidentId, destination };
          return;
        }
        case 'en-route':
          drive(vehicle, 'scene', destination, unit.incidentId);
          report(vehicle, now);
          return;
        case 'on-scene':
          // Only when the fleet starts on a demo that was stopped mid-incident: the crew is there.
          vehicle.position = destination;
          vehicle.phase = {
            kind: 'on-scene',
            until: now + vary(options.onSceneMinutes * 60_000, 0.4),
            incidentId: unit.incidentId,
          };
          return;
        case 'transporting':
        case 'at-hospital': {
          const hospital = nearestHospital(destination);
          vehicle.position = hospital.at;
          vehicle.phase = {
            kind: 'at-hospital',
            until: now + vary(options.atHospitalMinutes * 60_000, 0.4),
            incidentId: unit.incidentId,
            ...(hospital.name !== undefined && { hospital: hospital.name }),
          };
          return;
        }
        case 'available':
        case 'available-on-radio':
          return;
      }
    },
    tick(now) {
      for (const vehicle of vehicles.values()) {
        advance(vehicle, now);
        const every = vehicle.phase.kind === 'driving' ? Math.min(reportMs, MOVING_REPORT_MS) : reportMs;
        if (now - vehicle.lastFixAt >= every || vehicle.announce !== null) report(vehicle, now);
      }
    },
    vehicle(unitId) {
      const vehicle = vehicles.get(unitId);
      return vehicle ? { position: vehicle.position, phase: vehicle.phase } : null;
    },
  };
}
