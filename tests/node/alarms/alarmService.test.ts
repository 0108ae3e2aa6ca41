import { describe, expect, it } from 'vitest';
import type { HostEvent } from '../../../src-shared/contract/events';
import { parseConfig } from '../../../src-main/config/config';
import { manualClock } from '../../../src-main/services/runtime/clock';
import { createHost } from '../../../src-main/host/createHost';
import { useCleanup, useTempDirs } from '../support/cleanup';
import { readDatabase } from '../support/readDatabase';
import { signInWindow, TEST_KDF } from '../support/testHost';

const tempDir = useTempDirs();
const defer = useCleanup();

function startHost() {
  const host = createHost(parseConfig({}, tempDir('nida-alarm-'), 'test'), { clock: manualClock(), kdf: TEST_KDF });
  defer(() => host.dispose());
  return host;
}

const context = { clientId: 'w1', transport: 'internal' as const, actor: 'Amal' };
/** A window of the console, whose operator signs in with a role. */
const window = { clientId: 'w2', transport: 'websocket' as const, actor: 'Basim' };

describe('alarms', () => {
  it('given a radio emergency, then every client is told; acknowledged it stays (with who), resolved with a note it goes; all are events of the log in the audit chain', async () => {
    const host = startHost();
    const seen: HostEvent[] = [];
    host.subscribe((event) => seen.push(event));

    const raised = host.alarms.raise({
      kind: 'radio-emergency',
      severity: 'emergency',
      subject: '1A2F',
      source: 'serial:radio',
      position: { lat: 33.31, lon: 44.36 },
    });
    const listed = await host.dispatch('alarm.list', {}, context);
    expect(listed).toMatchObject({ ok: true, value: [{ id: raised.id, subject: '1A2F' }] });

    const acknowledged = await host.dispatch('alarm.acknowledge', { alarmId: raised.id }, context);
    expect(acknowledged).toMatchObject({ ok: true, value: { acknowledgedBy: 'Amal' } });
    // Acknowledged means someone is on it: the emergency is still shown, with who acknowledged.
    expect(await host.dispatch('alarm.list', {}, context)).toMatchObject({
      ok: true,
      value: [{ id: raised.id, acknowledgedBy: 'Amal', resolvedAt: null }],
    });
    // A second acknowledgement keeps the first.
    await host.dispatch('alarm.acknowledge', { alarmId: raised.id }, { ...context, actor: 'Ziad' });

    expect(await host.dispatch('alarm.resolve', { alarmId: raised.id, note: '  ' }, context)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    const resolved = await host.dispatch(
      'alarm.resolve',
      { alarmId: raised.id, note: 'crew safe, suspect detained' },
      { ...context, actor: 'Ziad' },
    );
    expect(resolved).toMatchObject({
      ok: true,
      value: { acknowledgedBy: 'Amal', resolvedBy: 'Ziad', resolution: 'crew safe, suspect detained' },
    });
    expect(await host.dispatch('alarm.list', {}, context)).toMatchObject({ ok: true, value: [] });

    const alarmEvents = seen.filter((event) => event.name === 'onAlarm').map((event) => event.payload);
    expect(alarmEvents.map((alarm) => [alarm.acknowledgedBy, alarm.resolvedBy ?? null])).toEqual([
      [null, null],
      ['Amal', null],
      ['Amal', 'Ziad'],
    ]);
    const actions = readDatabase(host.store, (db) =>
      db.prepare("SELECT action, actor FROM audit WHERE action LIKE 'event:alarm.%' ORDER BY seq").all(),
    );
    expect(actions).toEqual([
      { action: 'event:alarm.raised', actor: 'console:C1' },
      { action: 'event:alarm.acknowledged', actor: 'Amal' },
      { action: 'event:alarm.resolved', actor: 'Ziad' },
    ]);
    expect(host.store.verifyAudit().ok).toBe(true);
  });

  it('given a clock alarm, when acknowledged, then it goes (acknowledging is enough)', async () => {
    const host = startHost();
    const raised = host.alarms.raise({
      kind: 'call-waiting',
      severity: 'warning',
      subject: '07701234567',
      source: 'timer',
      position: null,
    });
    await host.dispatch('alarm.acknowledge', { alarmId: raised.id }, context);
    expect(await host.dispatch('alarm.list', {}, context)).toMatchObject({ ok: true, value: [] });
  });

  it('given waiting calls and a radio emergency, when the shift lead acknowledges all call-waiting, then only those go; a dispatcher is refused', async () => {
    const raiseAll = (host: ReturnType<typeof startHost>) => {
      for (const number of ['07701111111', '07702222222', '07703333333'])
        host.alarms.raise({
          kind: 'call-waiting',
          severity: 'warning',
          subject: number,
          source: 'timer',
          position: null,
        });
      host.alarms.raise({
        kind: 'radio-emergency',
        severity: 'emergency',
        subject: '1A01',
        source: 'radio',
        position: null,
      });
    };
    const dispatcher = startHost();
    await signInWindow(dispatcher, window, ['dispatcher']);
    raiseAll(dispatcher);
    expect(await dispatcher.dispatch('alarm.acknowledgeAll', { kind: 'call-waiting' }, window)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', reason: { key: 'role-forbidden' } },
    });

    const lead = startHost();
    await signInWindow(lead, window, ['shift-lead']);
    raiseAll(lead);
    const result = await lead.dispatch('alarm.acknowledgeAll', { kind: 'call-waiting' }, window);
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && result.value).toHaveLength(3);
    expect(await lead.dispatch('alarm.list', {}, window)).toMatchObject({
      ok: true,
      value: [{ kind: 'radio-emergency', acknowledgedAt: null }],
    });
    expect(await lead.dispatch('alarm.acknowledgeAll', { kind: 'radio-emergency' }, window)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
  });
});
