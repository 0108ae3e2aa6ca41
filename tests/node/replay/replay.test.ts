// After-action replay of a drill (issue 19, acceptance 4): at 10 random moments of a run the console's
// own records and unit positions are written down; the replay read back from the drill's database
// afterwards gives the same incidents and calls, and units within 50 m of where they were.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { distanceM } from '../../../src-shared/domain/geo';
import type { CallRecord } from '../../../src-shared/domain/call';
import type { IncidentRecord } from '../../../src-shared/domain/incident';
import { seededRandom } from '../../../src-shared/domain/random';
import { Replay, positionAt } from '../../../src-main/services/replay/replay';
import { databasePath } from '../../../src-main/services/store/backups';
import { DRILL_HOST, runDrillWithAutopilot } from '../support/drillHost';
import { useTestHosts } from '../support/testHost';

/** Three units driving east across Baghdad, 12 m a second, as their trackers would report. */
const MOVING = ['U-101', 'U-102', 'U-103'];
const METRES_PER_DEGREE = 111_195;

interface Moment {
  readonly at: number;
  readonly incidents: IncidentRecord[];
  readonly calls: CallRecord[];
  readonly units: Map<string, { lat: number; lon: number }>;
}

describe('after-action replay', () => {
  const { startHost } = useTestHosts();

  it('given a drill run, when replayed at 10 random times, then incidents and calls equal the console’s at that time and units are within 50 m', async () => {
    const under = startHost(DRILL_HOST);
    const { host } = under;
    const random = seededRandom(19_004);
    const lookAt = new Set(Array.from({ length: 10 }, () => 15 + Math.floor(random() * 880)));
    const moments: Moment[] = [];
    const roster = new Set(host.units.list().map((unit) => unit.id));
    const moving = MOVING.filter((id) => roster.has(id));
    expect(moving.length).toBeGreaterThan(0);

    await runDrillWithAutopilot(under, {
      mode: 'perfect',
      onSecond: async (seconds) => {
        const now = host.clock.now();
        for (const [index, unitId] of moving.entries()) {
          const east = 12 * seconds;
          host.avl.ingest(
            unitId,
            {
              lat: 33.3 + index * 0.01,
              lon: 44.35 + east / (METRES_PER_DEGREE * Math.cos((33.3 * Math.PI) / 180)),
              at: now,
              speed: 12,
              heading: 90,
              accuracyM: 5,
            },
            'radio',
          );
        }
        if (!lookAt.has(Math.round(seconds))) return;
        const open = await under.api.incident.listOpen({});
        const incidents = await Promise.all(
          open.map(async (incident) => (await under.api.incident.get({ id: incident.id })).incident),
        );
        const calls = await under.api.call.list({});
        const positions = await under.api.avl.positions({});
        moments.push({
          at: now,
          incidents: incidents.sort((a, b) => a.id.localeCompare(b.id)),
          calls: [...calls],
          units: new Map(positions.map((position) => [position.unitId, { lat: position.lat, lon: position.lon }])),
        });
      },
    });
    await under.dispose();
    expect(moments).toHaveLength(lookAt.size);
    // Not an empty comparison: the moments saw incidents being worked.
    expect(moments.filter((moment) => moment.incidents.length > 0).length).toBeGreaterThanOrEqual(5);
    expect(moments.some((moment) => moment.incidents.some((incident) => incident.units.length > 0))).toBe(true);

    const replay = Replay.open(databasePath(join(under.dataDir), 'drill'));
    for (const moment of moments) {
      const frame = replay.at(moment.at);
      // Open incidents as the console listed them (none was closed in this run).
      expect(frame.incidents.filter((incident) => incident.status !== 'closed')).toEqual(moment.incidents);
      for (const call of moment.calls) expect(frame.calls.find((entry) => entry.id === call.id)).toEqual(call);
      for (const unitId of moving) {
        const then = moment.units.get(unitId);
        const replayed = frame.units.find((unit) => unit.unitId === unitId);
        if (!then || !replayed) throw new Error(`${unitId} has no position at ${String(moment.at)}`);
        expect(distanceM(then, replayed)).toBeLessThan(50);
      }
    }
  });

  it('given a trail with a gap, when read between its points, then the unit is interpolated, or left at the last point across a long gap', () => {
    const trail = [
      { at: 0, lat: 33, lon: 44 },
      { at: 10_000, lat: 33.001, lon: 44.001 },
      { at: 20 * 60_000, lat: 34, lon: 45 },
    ];
    expect(positionAt(trail, -1)).toBeNull();
    expect(positionAt(trail, 5_000)).toEqual({ lat: 33.0005, lon: 44.0005, fixAt: 0 });
    expect(positionAt(trail, 60_000)).toEqual({ lat: 33.001, lon: 44.001, fixAt: 10_000 });
    expect(positionAt(trail, 30 * 60_000)).toEqual({ lat: 34, lon: 45, fixAt: 20 * 60_000 });
  });
});
