import { describe, expect, it } from 'vitest';
import type { HostEvent } from '../../../src-shared/contract/events';
import { parseConfig } from '../../../src-main/config/config';
import { manualClock } from '../../../src-main/services/runtime/clock';
import { createHost } from '../../../src-main/host/createHost';
import { useCleanup, useTempDirs } from '../support/cleanup';
import { readDatabase } from '../support/readDatabase';

const tempDir = useTempDirs();
const defer = useCleanup();

describe('alarms', () => {
  it('given a radio emergency, then every client is told, it stays until acknowledged once, and both are events of the log in the audit chain', async () => {
    const host = createHost(parseConfig({}, tempDir('nida-alarm-'), 'test'), { clock: manualClock() });
    defer(() => host.dispose());
    const seen: HostEvent[] = [];
    host.subscribe((event) => seen.push(event));

    const raised = host.alarms.raise({
      kind: 'radio-emergency',
      severity: 'emergency',
      subject: '1A2F',
      source: 'serial:radio',
      position: { lat: 33.31, lon: 44.36 },
    });
    const context = { clientId: 'w1', transport: 'internal' as const, actor: 'Amal' };
    const listed = await host.dispatch('alarm.list', {}, context);
    expect(listed).toMatchObject({ ok: true, value: [{ id: raised.id, subject: '1A2F' }] });

    const acknowledged = await host.dispatch('alarm.acknowledge', { alarmId: raised.id }, context);
    expect(acknowledged).toMatchObject({ ok: true, value: { acknowledgedBy: 'Amal' } });
    expect(await host.dispatch('alarm.list', {}, context)).toMatchObject({ ok: true, value: [] });
    const alarmEvents = seen.filter((event) => event.name === 'onAlarm').map((event) => event.payload);
    expect(alarmEvents.map((alarm) => alarm.acknowledgedBy)).toEqual([null, 'Amal']);

    const actions = readDatabase(host.store, (db) =>
      db.prepare("SELECT action, actor FROM audit WHERE action LIKE 'event:alarm.%' ORDER BY seq").all(),
    );
    expect(actions).toEqual([
      { action: 'event:alarm.raised', actor: 'console:C1' },
      { action: 'event:alarm.acknowledged', actor: 'Amal' },
    ]);
    expect(host.store.verifyAudit().ok).toBe(true);
  });
});
