// Safe closing through the real host: closing clears the units still assigned, the incident's status
// follows its units, a unit that just cleared is not proposed again, and a priority-1 incident out
// of reach of its response target warns with mutual aid.
import { describe, expect, it } from 'vitest';
import { MINUTE, TAHRIR, createIncident, offset } from '../../support/scenario';
import { useTestHosts } from '../support/testHost';

const { startHost } = useTestHosts();

describe('closing with units assigned', () => {
  it('given four units on scene, when the incident is closed, then all four are cleared (available on radio) and every window hears it', async () => {
    const console = startHost({ roster: true });
    const incident = await createIncident(console.api);
    const unitIds = ['U-301', 'U-306', 'U-203', 'U-101'];
    await console.api.dispatch.dispatch({ incidentId: incident.id, unitIds });
    for (const unitId of unitIds) console.host.units.applyStatus(unitId, 'on-scene', 'radio', 'radio');
    const before = console.host.store.getIncident(incident.id);
    const heardBefore = console.events.filter((event) => event.name === 'onUnitChanged').length;

    const closed = await console.api.incident.append({
      incidentId: incident.id,
      expectedVersion: before?.version ?? 0,
      change: { type: 'incident.closed', payload: { disposition: 'resolved-on-scene' } },
    });

    expect(closed.status).toBe('closed');
    expect(closed.units.map((unit) => unit.status)).toEqual(['cleared', 'cleared', 'cleared', 'cleared']);
    for (const unitId of unitIds) {
      expect(console.unit(unitId)).toMatchObject({ status: 'available-on-radio', incidentId: null });
    }
    const heard = console.events.filter((event) => event.name === 'onUnitChanged').slice(heardBefore);
    expect(heard.length).toBeGreaterThanOrEqual(4);
    const history = await console.api.unit.history({ unitId: 'U-301' });
    expect(history[0]).toMatchObject({ status: 'available-on-radio', source: 'dispatcher' });
    expect(history[0]?.reason).toMatch(/closed/);
  });

  it('given an old version, when the incident is closed, then CONFLICT and no unit is cleared', async () => {
    const console = startHost({ roster: true });
    const incident = await createIncident(console.api);
    await console.api.dispatch.dispatch({ incidentId: incident.id, unitIds: ['U-301'] });

    await expect(
      console.api.incident.append({
        incidentId: incident.id,
        expectedVersion: incident.version,
        change: { type: 'incident.closed', payload: { disposition: 'resolved-on-scene' } },
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(console.unit('U-301')).toMatchObject({ status: 'dispatched', incidentId: incident.id });
  });
});

describe('a unit that cleared', () => {
  it('given the only unit on scene clears, then the incident waits again and that unit is not recommended to it', async () => {
    const console = startHost({ roster: true });
    const incident = await createIncident(console.api);
    await console.api.dispatch.dispatch({ incidentId: incident.id, unitIds: ['U-301'] });
    console.host.units.applyStatus('U-301', 'on-scene', 'radio', 'radio');
    console.clock.advance(10 * MINUTE);
    console.host.units.applyStatus('U-301', 'available-on-radio', 'radio', 'radio');

    const after = console.host.store.getIncident(incident.id);
    const recommendation = await console.api.dispatch.recommend({ incidentId: incident.id });

    expect(after?.status).toBe('pending');
    const proposed = recommendation.slots.flatMap((slot) => slot.units.map((unit) => unit.unitId));
    expect(proposed).not.toContain('U-301');
    expect(recommendation.alternatives.map((unit) => unit.unitId)).not.toContain('U-301');
    expect(proposed).toContain('U-306');
  });
});

describe('response targets', () => {
  it('given a priority-1 fire near the stations, then no warning', async () => {
    const console = startHost({ roster: true });
    const incident = await createIncident(console.api);

    const recommendation = await console.api.dispatch.recommend({ incidentId: incident.id });

    expect(recommendation.responseTarget).toBeNull();
  });

  it('given a priority-1 fire 40 km out, then the warning names the target, the best ETA and mutual aid from other stations', async () => {
    const console = startHost({ roster: true });
    const incident = await createIncident(console.api, { location: { ...offset(TAHRIR, 40_000), source: 'map' } });

    const recommendation = await console.api.dispatch.recommend({ incidentId: incident.id });

    const warning = recommendation.responseTarget;
    expect(warning?.targetS).toBe(480);
    expect(warning?.bestEtaS).toBeGreaterThan(480);
    const proposed = new Set(recommendation.slots.flatMap((slot) => slot.units.map((unit) => unit.unitId)));
    const proposedStations = new Set([...proposed].map((unitId) => console.unit(unitId).station));
    expect(warning?.mutualAid.length).toBeGreaterThan(0);
    for (const unit of warning?.mutualAid ?? []) {
      expect(proposed.has(unit.unitId)).toBe(false);
      expect(proposedStations.has(console.unit(unit.unitId).station)).toBe(false);
    }
  });

  it('given the same fire at priority 2, then no warning (targets are for priority 1)', async () => {
    const console = startHost({ roster: true });
    const incident = await createIncident(console.api, {
      priority: 2,
      priorityReason: 'test',
      location: { ...offset(TAHRIR, 40_000), source: 'map' },
    });

    expect((await console.api.dispatch.recommend({ incidentId: incident.id })).responseTarget).toBeNull();
  });
});
