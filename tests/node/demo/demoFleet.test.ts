// The demo's crews: a dispatched unit drives to its incident and reports its statuses by itself,
// first on the pure fleet with a fake clock, then through a real host (embedded broker, AVL service,
// unit status machine) exactly as a live unit's tracker and MDT would.
import { describe, expect, it } from 'vitest';
import { distanceM, type LatLon } from '../../../src-shared/domain/geo';
import { seededRandom } from '../../../src-shared/domain/random';
import type { UnitStatus } from '../../../src-shared/domain/unit';
import { createDemoFleet, DEMO_HOSPITALS, type DemoFleetUnit } from '../../../src-main/services/demo/demoFleet';
import { followConsole, startDemoFleet } from '../../../src-main/services/demo/demoFleetRunner';
import { riverCrossings } from '../../../src-main/services/demo/demoRoutes';
import { createIncident, START, TAHRIR } from '../../support/scenario';
import { useTestHosts } from '../support/testHost';
import { trackerLogin } from '../avl/avlKit';
import { eventually, waitUntil } from '../support/waitUntil';

const { startHost } = useTestHosts();

const KARRADA_PATROL: DemoFleetUnit = {
  id: 'U-101',
  agency: 'police-patrols',
  kind: 'patrol',
  deviceId: 'sim-0001',
  home: { lat: 33.3046, lon: 44.4232 },
};
const AMBULANCES: DemoFleetUnit[] = ['A', 'B', 'C', 'D', 'E', 'F'].map((letter, index) => ({
  id: `U-2${letter}`,
  agency: 'ambulance',
  kind: 'ambulance-basic',
  deviceId: `amb-${String(index)}`,
  home: { lat: 33.3479, lon: 44.3798 + index * 0.002 },
}));

interface SentFix {
  readonly deviceId: string;
  readonly lat: number;
  readonly lon: number;
  readonly time: number;
  readonly speed: number;
  readonly status: UnitStatus | undefined;
  readonly destination?: string;
}

/** A fleet on a fake clock that records every tracker message it sends. */
function fleetOnFakeClock(units: readonly DemoFleetUnit[], seed: number) {
  const sent: SentFix[] = [];
  const rawMessages: string[] = [];
  let now = START;
  const fleet = createDemoFleet({
    units,
    random: seededRandom(seed),
    now,
    publish: (deviceId, payload) => {
      rawMessages.push(`${deviceId} ${payload}`);
      const message = JSON.parse(payload) as Omit<SentFix, 'deviceId' | 'time'> & { time: string | number };
      sent.push({ deviceId, ...message, time: new Date(message.time).getTime() });
    },
  });
  return {
    fleet,
    sent,
    rawMessages,
    now: () => now,
    dispatch(unitId: string, incidentId: string, destination: LatLon) {
      fleet.unitChanged({ id: unitId, status: 'dispatched', incidentId }, destination, now);
    },
    /** Ticks once a second for `minutes`. */
    run(minutes: number) {
      for (let second = 0; second < minutes * 60; second++) {
        now += 1_000;
        fleet.tick(now);
      }
    },
  };
}

/** The statuses one device sent, each once, in order. */
function statusesOf(sent: readonly SentFix[], deviceId: string): UnitStatus[] {
  const statuses: UnitStatus[] = [];
  for (const fix of sent) {
    if (fix.deviceId === deviceId && fix.status !== undefined && statuses.at(-1) !== fix.status)
      statuses.push(fix.status);
  }
  return statuses;
}

describe('the demo fleet', () => {
  it('given a patrol dispatched from its station, when time passes, then it drives to the incident at city speed, works it, clears and returns home', () => {
    const demo = fleetOnFakeClock([KARRADA_PATROL], 911);
    demo.dispatch('U-101', 'INC-1', TAHRIR);

    demo.run(90);

    const fixes = demo.sent.filter((fix) => fix.deviceId === 'sim-0001');
    expect(statusesOf(fixes, 'sim-0001')).toEqual(['en-route', 'on-scene', 'available-on-radio', 'available']);
    const enRoute = fixes.filter((fix) => fix.status === 'en-route');
    const distances = enRoute.map((fix) => distanceM(fix, TAHRIR));
    // Same bank: a straight approach, every report nearer than the one before.
    expect(distances.every((distance, index) => index === 0 || distance < (distances[index - 1] as number))).toBe(true);
    const arrived = fixes.find((fix) => fix.status === 'on-scene');
    expect(arrived && distanceM(arrived, TAHRIR)).toBeLessThan(1);
    // The turnout of a crew in station (about 30 s), then 40 km/h ± 15 % over the 3.2 km.
    const leftAt = enRoute[0]?.time ?? 0;
    expect(leftAt - START).toBeGreaterThan(15_000);
    expect(leftAt - START).toBeLessThan(45_000);
    const driveS = ((arrived?.time ?? 0) - leftAt) / 1000;
    const straightM = distanceM(KARRADA_PATROL.home as LatLon, TAHRIR);
    expect(driveS).toBeGreaterThan(straightM / (46 / 3.6));
    expect(driveS).toBeLessThan(straightM / (34 / 3.6) + 5);
    expect(enRoute.every((fix) => fix.speed > 9 && fix.speed < 13)).toBe(true);
    // Reports while moving at least every 3 s, so the map shows a drive rather than jumps.
    expect(enRoute.length).toBeGreaterThan(driveS / 3 - 2);
    const last = fixes.at(-1);
    expect(last && distanceM(last, KARRADA_PATROL.home as LatLon)).toBeLessThan(1);
    expect(demo.fleet.vehicle('U-101')?.phase.kind).toBe('parked');
  });

  it('given a unit across the river, when it drives, then its track crosses the river once and it arrives', () => {
    const demo = fleetOnFakeClock([{ ...KARRADA_PATROL, home: { lat: 33.3178, lon: 44.3481 } }], 5);
    demo.dispatch('U-101', 'INC-1', TAHRIR);
    demo.run(30);

    const enRoute = demo.sent.filter((fix) => fix.status === 'en-route');
    expect(enRoute.length).toBeGreaterThan(100);
    // Report to report, the track crosses the Tigris exactly once (on a bridge: see demoRoutes.test.ts).
    const crossings = enRoute.slice(1).reduce((sum, fix, i) => sum + riverCrossings(enRoute[i] as SentFix, fix), 0);
    expect(crossings).toBe(1);
    expect(demo.sent.some((fix) => fix.status === 'on-scene' && distanceM(fix, TAHRIR) < 1)).toBe(true);
  });

  it('given ambulances dispatched, when they work their calls, then most transport to a hospital before clearing', () => {
    const demo = fleetOnFakeClock(AMBULANCES, 911);
    for (const unit of AMBULANCES) demo.dispatch(unit.id, `INC-${unit.id}`, TAHRIR);
    demo.run(120);

    const cycles = AMBULANCES.map((unit) => statusesOf(demo.sent, unit.deviceId));
    const withTransport = ['en-route', 'on-scene', 'transporting', 'at-hospital', 'available-on-radio', 'available'];
    const withoutTransport = ['en-route', 'on-scene', 'available-on-radio', 'available'];
    for (const cycle of cycles) expect([withTransport, withoutTransport]).toContainEqual(cycle);
    expect(cycles.filter((cycle) => cycle.includes('transporting')).length).toBeGreaterThanOrEqual(2);
    // A transport names its hospital, as an MDT would (the unit board shows it); nothing else does.
    const transports = demo.sent.filter((fix) => fix.status === 'transporting' || fix.status === 'at-hospital');
    for (const fix of transports) {
      const hospital = DEMO_HOSPITALS.find((entry) => entry.name === fix.destination);
      expect(hospital, fix.deviceId).toBeDefined();
      if (fix.status === 'at-hospital' && hospital) expect(distanceM(fix, hospital.at)).toBeLessThan(1);
    }
    expect(demo.sent.filter((fix) => fix.destination !== undefined)).toHaveLength(transports.length);
  });

  it('given the same seed and the same dispatches, when run twice, then every message is the same; another seed differs', () => {
    const run = (seed: number): string[] => {
      const demo = fleetOnFakeClock([KARRADA_PATROL, ...AMBULANCES], seed);
      demo.run(1);
      demo.dispatch('U-101', 'INC-1', TAHRIR);
      demo.dispatch('U-2A', 'INC-1', TAHRIR);
      demo.run(60);
      return demo.rawMessages;
    };

    expect(run(911)).toEqual(run(911));
    expect(run(912)).not.toEqual(run(911));
  });
});

describe('the demo fleet through a real console', () => {
  it('given a demo unit dispatched on the console, when the fleet runs, then its positions move to the incident and its statuses reach cleared through the AVL path', async () => {
    const console = startHost({ roster: true });
    const { host, clock } = console;
    await host.avl.whenConnected();
    const brokerUrl = host.avl.brokerUrl();
    if (brokerUrl === null) throw new Error('no embedded broker');
    const running = await startDemoFleet({
      brokerUrl,
      credentials: trackerLogin(host.avl),
      units: [KARRADA_PATROL],
      random: seededRandom(911),
      now: () => clock.now(),
      fleet: { onSceneMinutes: 2 },
      // The test drives the clock and the ticks.
      tickMs: 3_600_000,
    });
    const unfollow = followConsole(
      {
        subscribe: (listener) => host.subscribe(listener),
        units: () => host.units.list(),
        incident: async (id) => (await console.api.incident.get({ id })).incident,
        warn: () => undefined,
      },
      running,
    );
    try {
      const incident = await createIncident(console.api);
      await console.api.dispatch.dispatch({ incidentId: incident.id, unitIds: ['U-101'] });
      await waitUntil(() => running.fleet.vehicle('U-101')?.phase.kind === 'turnout', 'the crew turning out');

      const seen: { at: number; distanceM: number }[] = [];
      for (let step = 0; step < 12 * 60 && console.unit('U-101').status !== 'available'; step++) {
        clock.advance(5_000);
        running.fleet.tick(clock.now());
        const vehicle = running.fleet.vehicle('U-101');
        if (step % 6 !== 0 || !vehicle) continue;
        // What the console shows, once the tracker's report has come through the broker.
        await eventually(async () => {
          const position = (await console.api.avl.positions({})).find((entry) => entry.unitId === 'U-101');
          return position !== undefined && distanceM(position, vehicle.position) < 1;
        }, 'the position on the console');
        seen.push({ at: clock.now(), distanceM: distanceM(vehicle.position, TAHRIR) });
      }
      await waitUntil(() => console.unit('U-101').status === 'available', 'the unit back available');

      const changes = console
        .published('onUnitChanged')
        .filter((unit) => unit.id === 'U-101')
        .map((unit) => `${unit.status}/${unit.statusSource}`)
        // From the dispatch on (the roster seeding came first).
        .slice(1);
      expect(changes).toEqual([
        'dispatched/dispatcher',
        'en-route/mdt',
        'on-scene/mdt',
        'available-on-radio/mdt',
        'available/mdt',
      ]);
      expect(console.unit('U-101').incidentId).toBeNull();
      // On the way there the console saw it close in, then at the scene, then back at its station.
      const closest = Math.min(...seen.map((entry) => entry.distanceM));
      expect(closest).toBeLessThan(1);
      const approach = seen.slice(0, seen.findIndex((entry) => entry.distanceM < 1) + 1);
      expect(approach.length).toBeGreaterThan(2);
      expect(approach.every((entry, i) => i === 0 || entry.distanceM < (approach[i - 1]?.distanceM ?? 0))).toBe(true);
      const home = (await console.api.avl.positions({})).find((entry) => entry.unitId === 'U-101');
      expect(home && distanceM(home, KARRADA_PATROL.home as LatLon)).toBeLessThan(1);
    } finally {
      unfollow();
      await running.stop();
    }
  }, 60_000);
});
