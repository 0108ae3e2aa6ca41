// Recommendation, dispatch, milestones, undo and refusals through the real host.
import { describe, expect, it } from 'vitest';
import type { DeviceFix } from '../../../src-shared/domain/avl/payloads';
import { AMAL, BASIM, START, TAHRIR, createIncident } from '../../support/scenario';
import { refusal } from '../../support/remoteClient';
import { useTestHosts } from '../support/testHost';

const { startHost } = useTestHosts();

describe('recommendation and dispatch', () => {
  it('given a building fire at Tahrir, when recommended, then the plan (2 engines, 1 ambulance, 1 patrol) is filled with the closest available units', async () => {
    const console = startHost({ roster: true });
    const incident = await createIncident(console.api);

    const recommendation = await console.api.dispatch.recommend({
      incidentId: incident.id,
    });

    expect(recommendation.plan).toEqual([
      { capability: 'fire-engine', count: 2 },
      { capability: 'ambulance-basic', count: 1 },
      { capability: 'patrol', count: 1 },
    ]);
    expect(recommendation.slots.map((slot) => slot.missing)).toEqual([0, 0, 0]);
    const engines = recommendation.slots[0]?.units ?? [];
    // The two Sinak engines (1.9 km) before any other station's.
    expect(engines.map((unit) => unit.unitId)).toEqual(['U-301', 'U-306']);
    expect(engines[0]).toMatchObject({ origin: 'home', agency: 'civil-defence' });
    expect(engines[0]?.distanceM).toBeGreaterThan(1_500);
    expect(engines[0]?.distanceM).toBeLessThan(2_500);
    expect(recommendation.slots[1]?.units[0]?.unitId).toBe('U-203'); // al-Kindi ambulance, the nearest
    // Every agency has more units than the plan takes: some to swap in (checked, or `every` passes on none), all free.
    expect(recommendation.alternatives.length).toBeGreaterThan(0);
    expect(recommendation.alternatives.every((unit) => unit.status === 'available')).toBe(true);
  });

  it('given a live AVL position next to the incident, when recommended, then that patrol ranks first from where it is', async () => {
    const console = startHost({ roster: true });
    const incident = await createIncident(console.api);
    // U-108's home is al-Shaab, far north; its receiver puts it next to the incident.
    const fix: DeviceFix = {
      lat: TAHRIR.lat + 0.001,
      lon: TAHRIR.lon,
      at: START,
      speed: 0,
      heading: null,
      accuracyM: 5,
    };
    expect(console.host.avl.ingest('U-108', fix, 'nmea')).toEqual({ accepted: true });

    const recommendation = await console.api.dispatch.recommend({
      incidentId: incident.id,
    });

    expect(recommendation.slots[2]?.units[0]).toMatchObject({ unitId: 'U-108', origin: 'live' });
    expect(recommendation.slots[2]?.units[0]?.distanceM).toBeLessThan(150);
  });

  it('given a dispatch, then units are dispatched with the incident, and radio statuses stamp the incident milestones', async () => {
    const console = startHost({ roster: true });
    const incident = await createIncident(console.api);

    console.clock.advance(45_000);
    const dispatched = await console.api.dispatch.dispatch({
      incidentId: incident.id,
      unitIds: ['U-301', 'U-306', 'U-203'],
    });
    console.clock.advance(30_000);
    console.host.units.applyStatus('U-301', 'en-route', 'radio', 'radio:1A1D');
    console.clock.advance(240_000);
    console.host.units.applyStatus('U-301', 'on-scene', 'radio', 'radio:1A1D');
    console.host.units.applyStatus('U-203', 'on-scene', 'mdt', 'mdt:sim-0019');
    console.clock.advance(600_000);
    console.host.units.applyStatus('U-203', 'transporting', 'mdt', 'mdt:sim-0019');
    console.clock.advance(600_000);
    console.host.units.applyStatus('U-203', 'at-hospital', 'mdt', 'mdt:sim-0019');
    console.clock.advance(60_000);
    console.host.units.applyStatus('U-203', 'available-on-radio', 'radio', 'radio:1A13');
    const after = console.host.store.getIncident(incident.id);

    expect(dispatched).toMatchObject({ status: 'dispatched', dispatchedAt: START + 45_000 });
    expect(console.unit('U-301')).toMatchObject({ status: 'on-scene', incidentId: incident.id });
    expect(console.unit('U-203')).toMatchObject({ status: 'available-on-radio', incidentId: null });
    expect(after).toMatchObject({
      status: 'on-scene',
      dispatchedAt: START + 45_000,
      enRouteAt: START + 75_000,
      onSceneAt: START + 315_000,
    });
    expect(after?.agencies.map((entry) => [entry.agency, entry.status])).toEqual([
      ['civil-defence', 'on-scene'],
      ['ambulance', 'completed'],
      ['police-patrols', 'routed'],
    ]);
    expect(after?.units.find((unit) => unit.unitId === 'U-203')).toMatchObject({
      status: 'cleared',
      dispatchedAt: START + 45_000,
      onSceneAt: START + 315_000,
      transportingAt: START + 915_000,
      atHospitalAt: START + 1_515_000,
      clearedAt: START + 1_575_000,
    });
    // Every window heard the incident and the units change.
    expect(console.events.filter((event) => event.name === 'onIncidentChanged').at(-1)?.payload).toEqual(after);
    const detail = await console.api.incident.get({ id: incident.id });
    expect(detail.timeline.map((entry) => entry.type)).toContain('incident.unitsDispatched');
  });

  it('given a dispatch undone with a reason, then the unit returns to where it was and the incident waits again', async () => {
    const console = startHost({ roster: true });
    const incident = await createIncident(console.api);
    await console.api.dispatch.dispatch({ incidentId: incident.id, unitIds: ['U-301'] });

    const undone = await console.api.dispatch.undo({
      incidentId: incident.id,
      unitId: 'U-301',
      reason: 'wrong engine: it is refuelling',
    });
    const detail = await console.api.incident.get({ id: incident.id });

    expect(undone).toMatchObject({ status: 'pending', dispatchedAt: null, units: [] });
    expect(console.unit('U-301')).toMatchObject({ status: 'available', incidentId: null });
    expect(detail.timeline.find((entry) => entry.type === 'incident.dispatchUndone')?.payload).toEqual({
      unitId: 'U-301',
      reason: 'wrong engine: it is refuelling',
    });
    expect(
      await refusal(console.api.dispatch.undo({ incidentId: incident.id, unitId: 'U-301', reason: 'again' })),
    ).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/not assigned/) as string,
    });
  });

  it('given two dispatchers assigning the same unit at once, then exactly one assignment and a CONFLICT naming it for the other', async () => {
    const console = startHost({ roster: true });
    const first = await createIncident(console.api);
    const second = await createIncident(console.api, { address: 'الكرادة داخل' });
    await console.signIn(BASIM);

    const [a, b] = await Promise.all([
      console.host.dispatch('dispatch.dispatch', { incidentId: first.id, unitIds: ['U-101'] }, AMAL),
      console.host.dispatch('dispatch.dispatch', { incidentId: second.id, unitIds: ['U-101'] }, BASIM),
    ]);

    expect([a.ok, b.ok]).toEqual([true, false]);
    expect(b.ok ? null : b.error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(
        new RegExp(`نجدة-101 is not available: dispatched to incident ${first.number}`),
      ) as string,
    });
    expect(console.unit('U-101').incidentId).toBe(first.id);
    expect(console.host.store.getIncident(second.id)?.units).toEqual([]);
  });

  it('given an unavailable unit, another agency or a closed incident, then a dispatcher is refused; a shift lead overrides with a reason', async () => {
    const dispatcherConsole = startHost({ roster: true });
    const fire = await createIncident(dispatcherConsole.api, {
      typeCode: 'theft',
      priority: 3,
      agencies: ['police-patrols'],
    });
    await dispatcherConsole.api.unit.setStatus({ unitId: 'U-102', status: 'out-of-service' });

    expect(
      await refusal(dispatcherConsole.api.dispatch.dispatch({ incidentId: fire.id, unitIds: ['U-201'] })),
    ).toMatchObject({
      code: 'CONFLICT',
      message: `إسعاف-201 is a ambulance unit and incident ${fire.number} is not routed to ambulance`,
    });
    expect(
      await refusal(dispatcherConsole.api.dispatch.dispatch({ incidentId: fire.id, unitIds: ['U-102'] })),
    ).toMatchObject({
      message: 'نجدة-102 is out of service; put it back in service first',
    });
    expect(
      await refusal(
        dispatcherConsole.api.dispatch.dispatch({
          incidentId: fire.id,
          unitIds: ['U-201'],
          override: { reason: 'injured victim' },
        }),
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });

    const lead = startHost({ roster: true, role: 'shift-lead' });
    const theft = await createIncident(lead.api, { typeCode: 'theft', priority: 3, agencies: ['police-patrols'] });
    const other = await createIncident(lead.api, { typeCode: 'assault', priority: 2, agencies: ['police-patrols'] });
    await lead.api.dispatch.dispatch({ incidentId: other.id, unitIds: ['U-103'] });
    await lead.api.incident.append({
      incidentId: theft.id,
      change: { type: 'incident.closed', payload: { disposition: 'no-action-needed' } },
    });

    expect(await refusal(lead.api.dispatch.dispatch({ incidentId: theft.id, unitIds: ['U-101'] }))).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/is closed/) as string,
    });
    const overridden = await lead.api.dispatch.dispatch({
      incidentId: theft.id,
      unitIds: ['U-201', 'U-103'],
      override: { reason: 'caller hurt; diverting the closest patrol' },
    });

    expect(overridden.status).toBe('dispatched');
    expect(overridden.agencies.map((entry) => entry.agency)).toEqual(['police-patrols', 'ambulance']);
    expect(overridden.units.map((unit) => unit.unitId)).toEqual(['U-201', 'U-103']);
    expect(lead.unit('U-103')).toMatchObject({ status: 'dispatched', incidentId: theft.id });
    expect(lead.host.store.getIncident(other.id)).toMatchObject({ status: 'pending', units: [] });
  });
});
