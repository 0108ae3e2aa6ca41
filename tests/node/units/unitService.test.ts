// The roster and the status machine through the real host: a real SQLite file, the channels a
// window calls, the events every window receives.
import { describe, expect, it } from 'vitest';
import type { UnitDefinitionInput, UnitRecord } from '../../../src-shared/domain/unit';
import { BASIM, START, createIncident } from '../../support/scenario';
import { refusal } from '../../support/remoteClient';
import { useTestHosts } from '../support/testHost';
import { readDatabase } from '../support/readDatabase';

const { startHost } = useTestHosts();

const engine: UnitDefinitionInput = {
  id: 'E-77',
  callsign: 'دفاع-77',
  agency: 'civil-defence',
  kind: 'fire-engine',
  capabilities: ['fire-engine', 'rescue'],
  station: 'مركز الدفاع المدني - السنك',
  home: { lat: 33.3331, lon: 44.3979 },
  crew: ['حيدر الساعدي', 'علي الجبوري'],
  radioId: '7e7e',
  deviceId: 'sim-0777',
};

describe('units roster', () => {
  it('given a shift lead, when a unit is added and edited, then it is stored, versioned, published and survives a restart', async () => {
    const console = startHost({ role: 'shift-lead' });

    const added = await console.api.unit.save({ unit: engine, expectedVersion: 0 });
    const edited = await console.api.unit.save({
      unit: { ...engine, crew: ['حيدر الساعدي'] },
      expectedVersion: added.version,
    });

    expect(added).toMatchObject({ id: 'E-77', radioId: '7E7E', status: 'available', statusSince: START, version: 1 });
    expect(edited).toMatchObject({ crew: ['حيدر الساعدي'], version: 2, status: 'available' });
    expect(console.events.filter((event) => event.name === 'onUnitChanged').map((event) => event.payload)).toEqual([
      added,
      edited,
    ]);
    expect(console.host.units.byRadioId('7e7e')?.id).toBe('E-77');
    expect(console.host.units.unitIdForDevice('sim-0777')).toBe('E-77');

    const dataDir = console.dataDir;
    await console.host.dispose();
    const reopened = startHost({ role: 'dispatcher', dataDir });
    expect(await reopened.api.unit.list({})).toEqual([edited]);
  });

  it('given a dispatcher console, when the roster is edited or imported, then FORBIDDEN and nothing changes', async () => {
    const console = startHost({ role: 'dispatcher' });

    const save = await refusal(console.api.unit.save({ unit: engine }));
    const importing = await refusal(console.api.unit.importRoster({ format: 'json', text: JSON.stringify([engine]) }));

    expect(save).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/shift lead or administrator/) as string,
    });
    expect(importing.code).toBe('FORBIDDEN');
    expect(await console.api.unit.list({})).toEqual([]);
  });

  it('given two windows editing the same unit, when the second saves an old version, then CONFLICT', async () => {
    const console = startHost({ role: 'administrator' });
    const added = await console.api.unit.save({ unit: engine });
    await console.api.unit.save({ unit: { ...engine, station: 'العلاوي' }, expectedVersion: added.version });

    const late = await refusal(
      console.as(BASIM).unit.save({ unit: { ...engine, crew: [] }, expectedVersion: added.version }),
    );

    expect(late).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/changed by someone else/) as string,
    });
    expect(console.unit('E-77').station).toBe('العلاوي');
  });

  it('given a unit of an unknown agency, or a radio id another unit has, then it is refused with the reason', async () => {
    const console = startHost({ roster: true, role: 'shift-lead' });

    expect(await refusal(console.api.unit.save({ unit: { ...engine, agency: 'fire-brigade' } }))).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: 'unknown agency "fire-brigade"',
    });
    expect(await refusal(console.api.unit.save({ unit: { ...engine, radioId: '1A01' } }))).toMatchObject({
      message: 'radio id 1A01 is already نجدة-101',
    });
  });

  it('given a CSV with good and bad rows, when imported, then good rows are applied and bad ones reported by line, untouched', async () => {
    const console = startHost({ roster: true, role: 'shift-lead' });
    const csv = [
      'id,callsign,agency,kind,capabilities,home_lat,home_lon,radio_id,device_id',
      'U-101,نجدة-101,police-patrols,patrol,patrol,33.31,44.42,1A01,sim-0001', // update: new home
      'N-1,نجدة-جديدة,police-patrols,patrol,patrol,,,,',
      'N-2,مرور-x,traffic,traffic-patrol,,,,,', // unknown agency
      'N-3,إسعاف-201,ambulance,ambulance-basic,,,,,', // callsign of U-201
      'N-4,إسعاف-جديد,ambulance,ambulance-basic,,,,1A02,', // radio id of U-102
    ].join('\n');

    const result = await console.api.unit.importRoster({ format: 'csv', text: csv });

    expect(result).toEqual({
      created: 1,
      updated: 1,
      errors: [
        { line: 4, message: 'unknown agency "traffic"' },
        { line: 5, message: 'callsign إسعاف-201 is already unit U-201' },
        { line: 6, message: 'radio id 1A02 is already نجدة-102' },
      ],
    });
    expect(console.unit('U-101').home).toEqual({ lat: 33.31, lon: 44.42 });
    expect(console.unit('N-1').callsign).toBe('نجدة-جديدة');
    expect(console.host.units.get('N-2')).toBeNull();
    expect(console.host.units.get('N-4')).toBeNull();
  });

  it('given the roster, when exported as CSV and JSON and imported into an empty console, then the same roster results', async () => {
    const source = startHost({ roster: true, role: 'administrator' });
    const csv = await source.api.unit.exportRoster({ format: 'csv' });
    const json = await source.api.unit.exportRoster({ format: 'json' });
    const definitions = (units: readonly UnitRecord[]) =>
      units.map(
        ({ status: _s, statusSince: _t, statusSource: _o, incidentId: _i, updatedAt: _u, version: _v, ...rest }) =>
          rest,
      );
    const before = definitions(await source.api.unit.list({}));

    for (const [format, text] of [
      ['csv', csv.text],
      ['json', json.text],
    ] as const) {
      const target = startHost({ role: 'administrator' });
      const result = await target.api.unit.importRoster({ format, text });
      expect(result).toEqual({ created: 50, updated: 0, errors: [] });
      expect(definitions(await target.api.unit.list({}))).toEqual(before);
    }
  });

  it('given status changes, then illegal ones are refused with a clear message and every change is in the history with who and what', async () => {
    const console = startHost({ roster: true });
    const incident = await createIncident(console.api);
    await console.api.dispatch.dispatch({ incidentId: incident.id, unitIds: ['U-301'] });
    console.clock.advance(60_000);
    await console.as(BASIM).unit.setStatus({ unitId: 'U-301', status: 'en-route' });
    console.clock.advance(60_000);
    console.host.units.applyStatus('U-301', 'on-scene', 'radio', 'radio:1A1D');

    const illegal = await refusal(console.api.unit.setStatus({ unitId: 'U-301', status: 'dispatched' }));
    const backwards = await refusal(console.api.unit.setStatus({ unitId: 'U-301', status: 'en-route' }));
    const stale = await refusal(
      console.api.unit.setStatus({ unitId: 'U-301', status: 'available', expectedVersion: 1 }),
    );
    const history = await console.api.unit.history({ unitId: 'U-301' });

    expect(illegal).toMatchObject({
      code: 'CONFLICT',
      message: 'دفاع-301: a unit cannot go from on-scene to dispatched',
      // The reason the window says in its own language (the message stays for the log).
      reason: { key: 'unit-status-transition', params: { callsign: 'دفاع-301', from: 'on-scene', to: 'dispatched' } },
    });
    expect(backwards.message).toBe('دفاع-301: a unit cannot go from on-scene to en-route');
    expect(stale).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/changed .* it is now on-scene/) as string,
      reason: { key: 'unit-changed', params: { callsign: 'دفاع-301', status: 'on-scene' } },
    });
    expect(backwards.reason?.key).toBe('unit-status-transition');
    expect(
      history.map(({ status, at, source, actor, incidentId }) => ({ status, at, source, actor, incidentId })),
    ).toEqual([
      { status: 'on-scene', at: START + 120_000, source: 'radio', actor: 'radio:1A1D', incidentId: incident.id },
      { status: 'en-route', at: START + 60_000, source: 'dispatcher', actor: 'basim', incidentId: incident.id },
      { status: 'dispatched', at: START, source: 'dispatcher', actor: 'amal', incidentId: incident.id },
      { status: 'available', at: START, source: 'system', actor: 'roster', incidentId: null },
    ]);
    expect(console.unit('U-301')).toMatchObject({ status: 'on-scene', statusSource: 'radio', incidentId: incident.id });
  });

  it('given a status change, then the history query uses its index', () => {
    const console = startHost();
    const plan = readDatabase(
      console.host.store,
      (db) =>
        db
          .prepare(
            'EXPLAIN QUERY PLAN SELECT * FROM unit_status_history WHERE unit_id = ? ORDER BY at DESC, id DESC LIMIT 10',
          )
          .all('U-1') as { detail: string }[],
    );
    expect(plan.map((row) => row.detail).join(' ')).toMatch(/USING INDEX unit_status_history_by_unit/);
  });

  it('given an AVL device, when it is bound to another unit, then it moves: one device, one unit', () => {
    const console = startHost({ roster: true, role: 'administrator' });

    const bound = console.host.units.bindDevice('sim-0001', 'U-102', 'admin');

    expect(bound.deviceId).toBe('sim-0001');
    expect(console.unit('U-101').deviceId).toBeNull();
    expect(console.host.units.unitIdForDevice('sim-0001')).toBe('U-102');
    expect(console.host.units.unitIdForDevice('sim-0002')).toBeNull();
  });

  it('given an MDT status, then it applies with source mdt; an illegal one is refused and returns null', async () => {
    const console = startHost({ roster: true });
    const incident = await createIncident(console.api);
    await console.api.dispatch.dispatch({ incidentId: incident.id, unitIds: ['U-201'] });

    expect(console.host.units.applyDeviceStatus('U-201', 'en-route', START)).toMatchObject({
      status: 'en-route',
      statusSource: 'mdt',
    });
    expect(console.host.units.applyDeviceStatus('U-201', 'dispatched', START)).toBeNull();
  });

  it("given an MDT reports transporting with a hospital, then the incident's unit entry names it until the unit clears", async () => {
    const console = startHost({ roster: true });
    const incident = await createIncident(console.api);
    await console.api.dispatch.dispatch({ incidentId: incident.id, unitIds: ['U-201'] });
    console.host.units.applyDeviceStatus('U-201', 'on-scene', START + 1000);
    console.host.units.applyDeviceStatus('U-201', 'transporting', START + 2000, 'مستشفى اليرموك');
    const entry = async () => (await console.api.incident.get({ id: incident.id })).incident.units[0];

    expect(await entry()).toMatchObject({ unitId: 'U-201', status: 'transporting', destination: 'مستشفى اليرموك' });
    await console.api.unit.setStatus({ unitId: 'U-201', status: 'at-hospital' });
    expect(await entry()).toMatchObject({ status: 'at-hospital', destination: 'مستشفى اليرموك' });
    await console.api.unit.setStatus({ unitId: 'U-201', status: 'available' });
    expect(await entry()).not.toHaveProperty('destination');
  });

  it('given a dispatcher sets transporting with a destination, then bidi controls are stripped and it is kept', async () => {
    const console = startHost({ roster: true });
    const incident = await createIncident(console.api);
    await console.api.dispatch.dispatch({ incidentId: incident.id, unitIds: ['U-201'] });
    await console.api.unit.setStatus({ unitId: 'U-201', status: 'on-scene' });
    await console.api.unit.setStatus({ unitId: 'U-201', status: 'transporting', destination: ' \u202eالكندي ' });

    const fetched = await console.api.incident.get({ id: incident.id });
    expect(fetched.incident.units[0]?.destination).toBe('الكندي');
  });
});
