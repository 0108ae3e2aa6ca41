// Every host event lands in the store that projects it (applyHostEvent, src-renderer/app/hostFeed.ts),
// and a (re)connect reloads every store from the host, each part on its own (connectStores, bootstrap.ts).
import { describe, expect, it } from 'vitest';
import { useLayoutStore } from '../../../../src-renderer/features/workspace/layoutStore';
import { useAlarmStore } from '../../../../src-renderer/store/alarms/alarmStore';
import { useCallStore } from '../../../../src-renderer/store/calls/callStore';
import { useConnectionStore } from '../../../../src-renderer/store/connection/connectionStore';
import { useConsoleStore } from '../../../../src-renderer/store/console/consoleStore';
import { useErrorStore } from '../../../../src-renderer/store/errors/errorStore';
import { useIncidentStore } from '../../../../src-renderer/store/incidents/incidentStore';
import { useIntakeStore } from '../../../../src-renderer/store/intake/intakeStore';
import { usePositionStore } from '../../../../src-renderer/store/positions/positionStore';
import { useTaxonomyStore } from '../../../../src-renderer/store/taxonomy/taxonomyStore';
import { useUnitStore } from '../../../../src-renderer/store/units/unitStore';
import {
  T0,
  alarm,
  call,
  consoleInfo,
  draft,
  incident,
  layout,
  link,
  position,
  storage,
  unit,
} from '../support/records';
import { useWindow } from '../support/window';
import type { CenterStatus } from '../../../../src-shared/contract/api';
import { useCenterStore } from '../../../../src-renderer/store/center/centerStore';

describe('host events into the stores', () => {
  const host = useWindow();

  it('given an onIncidentChanged, then the incident store holds it', () => {
    const changed = incident({ id: '1' });
    host.send({ name: 'onIncidentChanged', payload: changed });
    expect(useIncidentStore.getState().byId).toEqual({ '1': changed });
  });

  it('given an onCallChanged, then the call store holds it', () => {
    const ringing = call({ id: 'c1' });
    host.send({ name: 'onCallChanged', payload: ringing });
    expect(useCallStore.getState().byId).toEqual({ c1: ringing });
  });

  it('given an onUnitChanged, then the unit store holds it', () => {
    const changed = unit({ id: 'U-101', status: 'dispatched' });
    host.send({ name: 'onUnitChanged', payload: changed });
    expect(useUnitStore.getState().units).toEqual({ 'U-101': changed });
  });

  it('given an onUnitPositions batch, then the position store holds each position by unit', () => {
    const batch = [position({ unitId: 'U-101' }), position({ unitId: 'U-102', lat: 33.31 })];
    host.send({ name: 'onUnitPositions', payload: { positions: batch } });
    expect([...usePositionStore.getState().positions.values()]).toEqual(batch);
  });

  it('given an onAlarm, then the alarm store holds it', () => {
    const raised = alarm({ id: 'a1' });
    host.send({ name: 'onAlarm', payload: raised });
    expect(useAlarmStore.getState().active).toEqual({ a1: raised });
  });

  it('given an onLinkStatus, then the connection store holds the link', () => {
    const broker = link({ id: 'broker', kind: 'broker', state: 'down' });
    host.send({ name: 'onLinkStatus', payload: broker });
    expect(useConnectionStore.getState().links).toEqual({ broker });
  });

  it('given an onStorageStatus, then the console store holds it', () => {
    const refused = storage({ writable: false, problem: 'integrity check failed' });
    host.send({ name: 'onStorageStatus', payload: refused });
    expect(useConsoleStore.getState().storage).toEqual(refused);
  });

  it('given an onDraftChanged, then the intake store holds the draft another window saved', () => {
    const saved = draft({ id: 'draft-1', address: 'الكرادة' });
    host.send({ name: 'onDraftChanged', payload: { draftId: 'draft-1', draft: saved } });
    expect(useIntakeStore.getState().drafts).toEqual({ 'draft-1': saved });
  });

  it('given an onLayoutChanged, then the layout store holds it', () => {
    host.send({ name: 'onLayoutChanged', payload: layout(3) });
    expect(useLayoutStore.getState().state).toEqual(layout(3));
  });
});

describe('reload on (re)connect', () => {
  const host = useWindow();

  it('given a host with records, when the window connects, then every store is loaded from it', async () => {
    const open = incident({ id: '1' });
    const waiting = call({ id: 'c1' });
    const engine = unit({ id: 'U-301', agency: 'civil-defence', kind: 'engine' });
    const saved = draft({ id: 'draft-1' });
    const raised = alarm({ id: 'a1' });
    const fix = position({ unitId: 'U-301' });
    const serial = link({ id: 'serial:ali' });
    const info = consoleInfo({ profile: 'drill' });
    const centerStatus: CenterStatus = {
      mode: 'center',
      centerCode: 'BGD',
      consoleCode: 'C1',
      link: 'connected',
      since: T0,
      servers: ['nats://10.0.0.11:4222'],
      server: 'nats://10.0.0.11:4222',
      stream: null,
      appliedSeq: 12,
      lag: 0,
      outbox: 0,
      catchUp: null,
      claims: null,
      joinedFromSnapshot: null,
      provisional: { calls: [], units: [] },
      refused: {},
      consoles: [],
      problem: null,
    };

    await host.connect({
      system: { info, storage: storage({ lastBackupAt: T0 }), links: [serial] },
      incident: { listOpen: [open] },
      call: { list: [waiting] },
      intake: { drafts: [saved] },
      alarm: { list: [raised] },
      unit: { list: [engine] },
      avl: { positions: [fix] },
      layout: { get: layout(2) },
      center: { status: centerStatus, conflicts: [] },
    });

    expect(useConsoleStore.getState()).toMatchObject({ info, storage: { lastBackupAt: T0 } });
    expect(useConnectionStore.getState()).toMatchObject({
      transportKind: 'websocket',
      transportState: 'open',
      links: { 'serial:ali': serial },
    });
    expect(useIncidentStore.getState()).toMatchObject({ byId: { '1': open }, loaded: true });
    expect(useCallStore.getState().byId).toEqual({ c1: waiting });
    expect(useIntakeStore.getState().drafts).toEqual({ 'draft-1': saved });
    expect(useAlarmStore.getState().active).toEqual({ a1: raised });
    expect(useUnitStore.getState().units).toEqual({ 'U-301': engine });
    expect([...usePositionStore.getState().positions.values()]).toEqual([fix]);
    expect(useLayoutStore.getState().state).toEqual(layout(2));
    expect(useTaxonomyStore.getState().taxonomy?.types.length).toBeGreaterThan(0);
    expect(useCenterStore.getState().status).toEqual(centerStatus);
    expect(useErrorStore.getState().errors).toEqual([]);
  });

  it('given the queue cannot be read, when the window connects, then the rest still loads and the failure is shown', async () => {
    await host.connect({ system: { info: consoleInfo({ consoleCode: 'C7' }) } }, ['incident.listOpen']);

    expect(useConsoleStore.getState().info?.consoleCode).toBe('C7');
    expect(useIncidentStore.getState().loaded).toBe(false);
    expect(useErrorStore.getState().errors).toEqual([
      expect.objectContaining({ code: 'STORAGE', detail: 'incident.listOpen failed' }),
    ]);
  });

  it('given a window that was connected, when it reconnects, then records gone from the host leave its stores', async () => {
    await host.connect({ incident: { listOpen: [incident({ id: '1' }), incident({ id: '2' })] } });
    host.disconnect();
    expect(useConnectionStore.getState().transportState).toBe('connecting');

    await host.connect({ incident: { listOpen: [incident({ id: '2' })] } });

    expect(Object.keys(useIncidentStore.getState().byId)).toEqual(['2']);
  });

  it('given a console that caught up with the center, when the host says records were reloaded, then the window reloads its record lists', async () => {
    await host.connect({ incident: { listOpen: [incident({ id: '1' })] }, center: { conflicts: [] } });
    host.hold({ incident: { listOpen: [incident({ id: '1' }), incident({ id: '2' })] }, center: { conflicts: [] } });
    useErrorStore.setState({ errors: [] });

    host.send({ name: 'onRecordsReloaded', payload: { events: 2 } });
    await host.settle();

    expect(Object.keys(useIncidentStore.getState().byId).sort()).toEqual(['1', '2']);
    expect(useErrorStore.getState().errors).toEqual([]);
  });

  it('given a connection, then the window pings the host and keeps the round trip and the clock offset', async () => {
    await host.connect({ system: { ping: { echo: '', hostTime: Date.now() + 60_000 } } });

    expect(host.called).toContain('system.ping');
    const { latencyMs, clockOffsetMs } = useConnectionStore.getState();
    expect(latencyMs).not.toBeNull();
    // The host's clock runs a minute ahead of this window's.
    expect(clockOffsetMs).toBeGreaterThan(55_000);
    expect(clockOffsetMs).toBeLessThan(65_000);
  });
});
