import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src-main/config/config';
import { manualClock } from '../../../src-main/services/runtime/clock';
import { createHost, type Host } from '../../../src-main/host/createHost';
import { ProfileLockedError } from '../../../src-main/host/profileLock';
import { checkDatabaseFile } from '../../../src-main/services/store/backups';
import type { CallContext, RemoteApi } from '../../../src-shared/contract/api';
import type { HostEvent } from '../../../src-shared/contract/events';
import type { CreateIncidentArgs } from '../../../src-shared/contract/schemas';
import type { IncidentRecord } from '../../../src-shared/domain/incident';
import { inProcessApi } from '../../support/remoteClient';
import { START, countRows, overwriteBytes, useStores } from '../support/store';
import { readDatabase } from '../support/readDatabase';

const context: CallContext = { clientId: 'window-1', transport: 'internal', actor: 'dispatcher-7' };

/** The window of `context` on `host`: every call goes through `host.dispatch`, as a transport's would. */
const windowOn = (host: Host): RemoteApi => inProcessApi(host, context);

const fire: CreateIncidentArgs = {
  typeCode: 'fire',
  priority: 1,
  agencies: ['fire', 'ems'],
  address: 'شارع فلسطين قرب ساحة بيروت',
  callerName: 'أحمد علي',
  callerNumber: '07701234567',
  note: 'دخان كثيف من الطابق الثاني',
};

describe('incident service through the host', () => {
  const { tempDir, defer } = useStores();

  function startHost(
    file: Record<string, unknown> = {},
    dataDir = join(tempDir('nida-host-'), 'data'),
  ): { host: Host; clock: ReturnType<typeof manualClock>; dataDir: string } {
    const clock = manualClock(START);
    const host = createHost(parseConfig(file, dataDir, 'test'), { clock });
    defer(() => host.dispose());
    return { host, clock, dataDir };
  }

  it('given a host, when an incident is created, then it is numbered, stored with its note, and pushed to subscribers', async () => {
    const { host } = startHost();
    const events: HostEvent[] = [];
    host.subscribe((event) => events.push(event));

    const created = await windowOn(host).incident.create(fire);

    expect(created).toMatchObject({
      number: 'BGD-261129-C1-0001',
      status: 'pending',
      typeCode: 'fire',
      priority: 1,
      address: fire.address,
      version: 2,
      createdAt: START,
    });
    expect(events).toEqual([{ name: 'onIncidentChanged', payload: created }]);
    const detail = await windowOn(host).incident.get({ id: created.id });
    expect(detail.incident).toEqual(created);
    expect(detail.timeline.map(({ type, actor, consoleId }) => ({ type, actor, consoleId }))).toEqual([
      { type: 'incident.created', actor: 'dispatcher-7', consoleId: 'C1' },
      { type: 'incident.noteAdded', actor: 'dispatcher-7', consoleId: 'C1' },
    ]);
  });

  it('given an incident, when changes are appended, then each is applied, versioned, and pushed', async () => {
    const { host, clock } = startHost();
    const created = await windowOn(host).incident.create(fire);
    const events: HostEvent[] = [];
    host.subscribe((event) => events.push(event));
    clock.advance(30_000);

    const noted = await windowOn(host).incident.append({
      incidentId: created.id,
      expectedVersion: 2,
      change: { type: 'incident.noteAdded', payload: { text: 'وصول الدفاع المدني' } },
    });
    clock.advance(30_000);
    const dispatched = await windowOn(host).incident.append({
      incidentId: created.id,
      change: { type: 'incident.statusChanged', payload: { status: 'dispatched' } },
    });

    expect(noted.version).toBe(3);
    expect(dispatched).toMatchObject({ status: 'dispatched', dispatchedAt: START + 60_000, version: 4 });
    expect(events.map((event) => event.name)).toEqual(['onIncidentChanged', 'onIncidentChanged']);
    expect(events[1]?.payload).toEqual(dispatched);
  });

  it('given an incident changed by another window, when a change expects the old version, then CONFLICT and nothing is pushed', async () => {
    const { host } = startHost();
    const created = await windowOn(host).incident.create(fire);
    await host.dispatch(
      'incident.append',
      { incidentId: created.id, change: { type: 'incident.updated', payload: { priority: 2 } } },
      { ...context, clientId: 'window-2' },
    );
    const events: HostEvent[] = [];
    host.subscribe((event) => events.push(event));

    const result = await host.dispatch(
      'incident.append',
      { incidentId: created.id, expectedVersion: 2, change: { type: 'incident.updated', payload: { priority: 3 } } },
      context,
    );

    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(events).toEqual([]);
  });

  it('given incidents for several agencies, when one agency queue is listed, then only its open incidents come back, most urgent first', async () => {
    const { host, clock } = startHost();
    const create = async (args: Partial<CreateIncidentArgs>): Promise<IncidentRecord> => {
      clock.advance(1_000);
      return await windowOn(host).incident.create({ ...fire, ...args });
    };
    const medical = await create({ typeCode: 'medical', priority: 2, agencies: ['ems'] });
    const crash = await create({ typeCode: 'traffic-accident', priority: 1, agencies: ['police', 'ems'] });
    await create({ typeCode: 'assault', priority: 1, agencies: ['police'] });

    const ems = await windowOn(host).incident.listOpen({ agency: 'ems' });
    const all = await windowOn(host).incident.listOpen({});

    expect(ems.map((incident) => incident.id)).toEqual([crash.id, medical.id]);
    expect(all).toHaveLength(3);
  });

  it('given incidents, when searched with a differently written Arabic name, then the incident is found', async () => {
    const { host } = startHost();
    const created = await windowOn(host).incident.create(fire);

    const byName = await windowOn(host).incident.search({ query: 'احمد' });
    const byNote = await windowOn(host).incident.search({ query: 'دخان', limit: 5 });

    expect(byName).toMatchObject([{ incidentId: created.id, kind: 'incident', number: created.number }]);
    expect(byNote).toMatchObject([{ incidentId: created.id, kind: 'note' }]);
  });

  it.each([
    ['incident.create', { ...fire, priority: 7 }],
    ['incident.create', { ...fire, number: 'BGD-261129-C1-9999' }],
    ['incident.create', { typeCode: 'fire' }],
    [
      'incident.append',
      { incidentId: 'x', change: { type: 'incident.noteAdded', payload: { text: 'x', noteId: 'forged' } } },
    ],
    ['incident.append', { incidentId: 'x', change: { type: 'incident.created', payload: {} } }],
    ['incident.append', { incidentId: 'x', change: { type: 'incident.statusChanged', payload: { status: 'closed' } } }],
    ['incident.listOpen', { limit: 0 }],
    ['incident.search', { query: 'x'.repeat(501) }],
    ['incident.get', {}],
  ])(
    'given invalid arguments for %s, when dispatched, then INVALID_ARGUMENT and nothing is written',
    async (channel, args) => {
      const { host } = startHost();

      const result = await host.dispatch(channel, args, context);

      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
      expect(readDatabase(host.store, (db) => countRows(db, 'events'))).toBe(0);
    },
  );

  it('given an unknown incident id, when it is read, then NOT_FOUND', async () => {
    const { host } = startHost();

    expect(await host.dispatch('incident.get', { id: 'no-such-incident' }, context)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('given a live host, when storage is asked for, then it is writable at <data>/live.db; a backup lands in <data>/backups/live/', async () => {
    const { host, clock, dataDir } = startHost();
    await windowOn(host).incident.create(fire);

    const before = await windowOn(host).system.storage({});
    clock.advance(60_000);
    const backupPath = await host.backupNow();
    const after = await windowOn(host).system.storage({});

    expect(before).toEqual({
      profile: 'live',
      path: join(dataDir, 'live.db'),
      writable: true,
      problem: null,
      lastBackupAt: null,
    });
    expect(after.lastBackupAt).toBe(START + 60_000);
    expect(backupPath.startsWith(join(dataDir, 'backups', 'live'))).toBe(true);
    expect(readdirSync(join(dataDir, 'backups', 'live'))).toContain(
      backupPath.slice(join(dataDir, 'backups', 'live').length + 1),
    );
    expect(checkDatabaseFile(backupPath)).toMatchObject({ integrity: { ok: true }, audit: { ok: true, events: 2 } });
  });

  it('given a drill profile, when incidents are created, then they go to drill.db and live.db is never created', async () => {
    const { host, dataDir } = startHost({ profile: 'drill' });

    await windowOn(host).incident.create(fire);
    const storage = await windowOn(host).system.storage({});

    expect(storage).toMatchObject({ profile: 'drill', path: join(dataDir, 'drill.db'), writable: true });
    expect(existsSync(join(dataDir, 'drill.db'))).toBe(true);
    expect(readdirSync(dataDir).filter((name) => name.startsWith('live'))).toEqual([]);
  });

  it('given a live host and a drill host on one data directory, when the drill creates incidents, then the live queue does not see them', async () => {
    const dataDir = join(tempDir('nida-host-'), 'data');
    const { host: live } = startHost({}, dataDir);
    const { host: drill } = startHost({ profile: 'drill' }, dataDir);

    await windowOn(drill).incident.create(fire);

    expect(await windowOn(live).incident.listOpen({})).toEqual([]);
    expect(await windowOn(drill).incident.listOpen({})).toHaveLength(1);
  });

  it('given a running host, when a second host starts on the same profile, then it is refused; after dispose the lock is released and the data is still there', async () => {
    const dataDir = join(tempDir('nida-host-'), 'data');
    const clock = manualClock(START);
    const first = createHost(parseConfig({}, dataDir, 'test'), { clock });
    defer(() => first.dispose());
    const created = await windowOn(first).incident.create(fire);

    expect(() => createHost(parseConfig({}, dataDir, 'test'), { clock })).toThrow(ProfileLockedError);
    await first.dispose();
    expect(existsSync(join(dataDir, 'live.lock'))).toBe(false);

    const second = startHost({}, dataDir).host;
    expect((await windowOn(second).incident.get({ id: created.id })).incident).toEqual(created);
  });

  it('given a damaged live.db, when the host starts, then storage reports it unwritable with the reason and every create fails with STORAGE', async () => {
    const dataDir = join(tempDir('nida-host-'), 'data');
    const { host: first } = startHost({}, dataDir);
    for (let index = 0; index < 50; index++)
      await windowOn(first).incident.create({ ...fire, note: 'x'.repeat(2_000) });
    await first.backupNow();
    await first.dispose();
    overwriteBytes(join(dataDir, 'live.db'), 2 * 4096, 4096);

    const { host } = startHost({}, dataDir);
    const storage = await windowOn(host).system.storage({});
    const create = await host.dispatch('incident.create', fire, context);

    expect(storage).toMatchObject({
      writable: false,
      problem: expect.stringContaining(join(dataDir, 'backups', 'live')) as unknown,
    });
    expect(create).toMatchObject({ ok: false, error: { code: 'STORAGE' } });
  });
});
