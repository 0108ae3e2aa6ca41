import { describe, expect, it } from 'vitest';
import type { CallContext } from '../../../src-shared/contract/api';
import type { HostEvent } from '../../../src-shared/contract/events';
import type { Result } from '../../../src-shared/contract/errors';
import type { OperatorDefinition } from '../../../src-shared/domain/operator';
import { windowContext } from '../../support/remoteClient';
import { MINUTE, TAHRIR, createIncident } from '../../support/scenario';
import { readDatabase } from '../support/readDatabase';
import { useTestHosts, type HostUnderTest } from '../support/testHost';

const PASSWORD = 'correct-horse-911';

const operator = (id: string, ar: string, roles: OperatorDefinition['roles']): OperatorDefinition => ({
  id,
  name: { ar, latin: id },
  roles,
  agencies: [],
  languages: ['ar'],
});

/** A browser tab of the console, as its transport names it. */
const tab = (name: string): CallContext => windowContext(`tab-${name}`);

describe('operators at the console: sign-in, roles enforced by the host, lock, handover', () => {
  const { startHost } = useTestHosts();

  async function consoleWithOperators(): Promise<HostUnderTest> {
    const console = startHost({ roster: true });
    await console.host.operators.save(operator('amal', 'أمل', ['call-taker']), { actor: 'setup', password: PASSWORD });
    await console.host.operators.save(operator('basim', 'باسم', ['dispatcher']), {
      actor: 'setup',
      password: PASSWORD,
    });
    await console.host.operators.save(operator('zainab', 'زينب', ['shift-lead']), {
      actor: 'setup',
      password: PASSWORD,
    });
    return console;
  }

  const call = (console: HostUnderTest, context: CallContext) => (channel: string, args: unknown) =>
    console.host.dispatch(channel, args, context);

  const reason = (result: Result<unknown>): string | undefined => (result.ok ? undefined : result.error.reason?.key);

  const audit = (console: HostUnderTest, prefix: string): { action: string; actor: string; details: string }[] =>
    readDatabase(console.host.store, (db) =>
      db
        .prepare<[string], { action: string; actor: string; details: string }>(
          "SELECT action, actor, details FROM audit WHERE action LIKE ? || '%' ORDER BY seq",
        )
        .all(prefix),
    );

  it('given a tab nobody signed in at, when it reads or writes, then FORBIDDEN asks for a sign-in; signed in, its actions carry the operator and the position', async () => {
    const console = await consoleWithOperators();
    const atTab = call(console, tab('1'));

    expect(reason(await atTab('incident.listOpen', {}))).toBe('sign-in-required');
    expect(reason(await atTab('call.receive', { source: 'manual' }))).toBe('sign-in-required');
    // Signing in, the clock and the count of calls waiting are open to the tab.
    expect(await atTab('system.ping', { echo: 'x' })).toMatchObject({ ok: true });
    expect(await atTab('session.current', {})).toMatchObject({ ok: true, value: { state: 'signed-out' } });

    const signedIn = await atTab('session.signIn', { operatorId: 'Amal', password: PASSWORD });
    expect(signedIn).toMatchObject({ ok: true, value: { session: { state: 'active', operator: { id: 'amal' } } } });
    const received = await atTab('call.receive', { source: 'manual', callerNumber: '07701234567' });
    expect(received).toMatchObject({ ok: true, value: { answeredBy: 'أمل', answeredOn: 'C1' } });
    expect(audit(console, 'session.signIn')).toEqual([
      expect.objectContaining({ actor: 'أمل', details: expect.stringContaining('"operatorId":"amal"') as string }),
    ]);
  });

  it('given a wrong password, an unknown name and a disabled operator, then each is refused in words the window translates, audited, and nothing changes', async () => {
    const console = await consoleWithOperators();
    console.host.operators.setEnabled('basim', false, 'setup');
    const atTab = call(console, tab('1'));

    const wrong = await atTab('session.signIn', { operatorId: 'amal', password: 'not-the-password' });
    const unknown = await atTab('session.signIn', { operatorId: 'nobody', password: PASSWORD });
    const disabled = await atTab('session.signIn', { operatorId: 'basim', password: PASSWORD });

    // Unknown name and wrong password read the same: the refusal does not say which names exist.
    expect([reason(wrong), reason(unknown), reason(disabled)]).toEqual([
      'sign-in-wrong',
      'sign-in-wrong',
      'operator-disabled',
    ]);
    expect(JSON.stringify([wrong, unknown, disabled])).not.toContain(PASSWORD);
    expect(await atTab('session.current', {})).toMatchObject({ ok: true, value: { state: 'signed-out' } });
    expect(audit(console, 'session.signInRefused').map((row) => JSON.parse(row.details) as unknown)).toEqual([
      { reason: 'wrong-password', failures: 1 },
      { reason: 'unknown' },
      { reason: 'disabled' },
    ]);
  });

  it('given five wrong passwords, then the operator is locked out for fifteen minutes even with the right one, unless an administrator lifts it', async () => {
    const console = await consoleWithOperators();
    const atTab = call(console, tab('1'));
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect(reason(await atTab('session.signIn', { operatorId: 'amal', password: `wrong-${String(attempt)}` }))).toBe(
        'sign-in-wrong',
      );
      console.clock.advance(MINUTE);
    }
    const fifth = await atTab('session.signIn', { operatorId: 'amal', password: 'wrong-5' });
    expect(fifth).toMatchObject({
      ok: false,
      error: { reason: { key: 'operator-locked-out', params: { until: String(console.clock.now() + 15 * MINUTE) } } },
    });
    // The lockout is an event of the roster: every console of a center holds it.
    expect(console.host.operators.get('amal')?.lockedOutUntil).toBe(console.clock.now() + 15 * MINUTE);

    console.clock.advance(14 * MINUTE);
    expect(reason(await atTab('session.signIn', { operatorId: 'amal', password: PASSWORD }))).toBe(
      'operator-locked-out',
    );
    console.clock.advance(MINUTE);
    expect(await atTab('session.signIn', { operatorId: 'amal', password: PASSWORD })).toMatchObject({ ok: true });

    // Again, and this time an administrator lifts it.
    const other = call(console, tab('2'));
    for (let attempt = 1; attempt <= 5; attempt++)
      await other('session.signIn', { operatorId: 'basim', password: `wrong-${String(attempt)}` });
    expect(reason(await other('session.signIn', { operatorId: 'basim', password: PASSWORD }))).toBe(
      'operator-locked-out',
    );
    console.host.operators.unlock('basim', 'admin');
    expect(await other('session.signIn', { operatorId: 'basim', password: PASSWORD })).toMatchObject({ ok: true });
  });

  it('given a call-taker, when they try a dispatch and a shift lead’s override, then the host refuses both before the dispatch service runs, and audits it', async () => {
    const console = await consoleWithOperators();
    const incident = await createIncident(console.api);
    const atTab = call(console, tab('1'));
    await atTab('session.signIn', { operatorId: 'amal', password: PASSWORD });
    const eventsBefore = readDatabase(console.host.store, (db) => db.prepare('SELECT count(*) AS n FROM events').get());

    const plain = await atTab('dispatch.dispatch', { incidentId: incident.id, unitIds: ['U-101'] });
    const override = await atTab('dispatch.dispatch', {
      incidentId: incident.id,
      unitIds: ['U-101'],
      override: { reason: 'closest unit' },
    });

    for (const refused of [plain, override])
      expect(refused).toMatchObject({
        ok: false,
        error: {
          code: 'FORBIDDEN',
          reason: { key: 'role-forbidden', params: { roles: expect.stringContaining('dispatcher') as string } },
        },
      });
    expect(readDatabase(console.host.store, (db) => db.prepare('SELECT count(*) AS n FROM events').get())).toEqual(
      eventsBefore,
    );
    expect(console.unit('U-101')).toMatchObject({ status: 'available' });
    expect(audit(console, 'access.refused')).toHaveLength(2);

    // A dispatcher dispatches, but only a shift lead overrides (and the override is audited).
    const dispatcher = call(console, tab('2'));
    await dispatcher('session.signIn', { operatorId: 'basim', password: PASSWORD });
    expect(
      reason(
        await dispatcher('dispatch.dispatch', {
          incidentId: incident.id,
          unitIds: ['U-101'],
          override: { reason: 'closest unit' },
        }),
      ),
    ).toBe('role-forbidden');
    const lead = call(console, tab('3'));
    await lead('session.signIn', { operatorId: 'zainab', password: PASSWORD });
    await console.host.dispatch('dispatch.dispatch', { incidentId: incident.id, unitIds: ['U-101'] }, tab('2'));
    const second = await createIncident(console.api, { location: { ...TAHRIR, source: 'map' } });
    expect(
      await lead('dispatch.dispatch', {
        incidentId: second.id,
        unitIds: ['U-101'],
        override: { reason: 'closest unit' },
      }),
    ).toMatchObject({ ok: true });
    expect(audit(console, 'dispatch.override')).toEqual([
      expect.objectContaining({ actor: 'زينب', details: expect.stringContaining('closest unit') as string }),
    ]);
  });

  it('given a locked session, then commands and records are refused while the count of calls waiting still shows; the password unlocks it, and a lock kept too long ends the session', async () => {
    const console = await consoleWithOperators();
    const atTab = call(console, tab('1'));
    const seen: HostEvent[] = [];
    console.host.subscribe((event) => seen.push(event), tab('1').clientId);
    await atTab('session.signIn', { operatorId: 'basim', password: PASSWORD });

    expect(await atTab('session.lock', { reason: 'idle' })).toMatchObject({ ok: true, value: { state: 'locked' } });
    const ringing = console.ring({ source: 'ali', callerNumber: '07709999999' });
    expect(reason(await atTab('call.answer', { callId: ringing.id }))).toBe('session-locked');
    expect(reason(await atTab('call.list', {}))).toBe('session-locked');
    expect(await atTab('session.waiting', {})).toEqual({
      ok: true,
      value: { callsWaiting: 1, alarmsSounding: 0, highestSeverity: null },
    });
    // A unit's emergency button while the screen is locked: the count and severity show, not whose.
    console.host.alarms.raise({
      kind: 'radio-emergency',
      severity: 'emergency',
      subject: '1A2F',
      source: 'serial:radio',
      position: { lat: 33.31, lon: 44.36 },
    });
    expect(await atTab('session.waiting', {})).toEqual({
      ok: true,
      value: { callsWaiting: 1, alarmsSounding: 1, highestSeverity: 'emergency' },
    });
    // The locked window hears that a call waits and an alarm sounds, never who calls or which unit.
    expect(seen.map((event) => event.name)).toContain('onWaitingSummary');
    expect(seen.map((event) => event.name)).not.toContain('onCallChanged');
    expect(seen.map((event) => event.name)).not.toContain('onAlarm');
    expect(JSON.stringify(seen)).not.toContain('07709999999');
    expect(JSON.stringify(seen)).not.toContain('1A2F');
    expect(seen.filter((event) => event.name === 'onWaitingSummary').at(-1)?.payload).toEqual({
      callsWaiting: 1,
      alarmsSounding: 1,
      highestSeverity: 'emergency',
    });

    expect(reason(await atTab('session.unlock', { password: 'not-the-password' }))).toBe('sign-in-wrong');
    expect(await atTab('session.unlock', { password: PASSWORD })).toMatchObject({
      ok: true,
      value: { state: 'active' },
    });
    expect(await atTab('call.answer', { callId: ringing.id })).toMatchObject({
      ok: true,
      value: { answeredBy: 'باسم' },
    });

    await atTab('session.lock', { reason: 'operator' });
    console.clock.advance(240 * MINUTE);
    expect(reason(await atTab('session.unlock', { password: PASSWORD }))).toBe('sign-in-required');
    expect(await atTab('session.current', {})).toMatchObject({ ok: true, value: { state: 'signed-out' } });
    expect(audit(console, 'session.').map((row) => row.action)).toEqual(
      expect.arrayContaining([
        'session.signIn',
        'session.locked',
        'session.unlockRefused',
        'session.unlocked',
        'session.ended',
      ]),
    );
  });

  it('given a session token from before a restart, when a reloaded window presents it, then it is refused and audited', async () => {
    const console = await consoleWithOperators();
    const signedIn = await call(console, tab('1'))('session.signIn', { operatorId: 'basim', password: PASSWORD });
    if (!signedIn.ok) throw new Error('no sign-in');
    const { token } = signedIn.value as { token: string };
    // A reload on the same console takes the session back.
    expect(await call(console, tab('1-reloaded'))('session.resume', { token })).toMatchObject({
      ok: true,
      value: { state: 'active', operator: { id: 'basim' } },
    });
    await console.dispose();

    const restarted = startHost({ dataDir: console.dataDir });
    const replayed = await call(restarted, tab('1-again'))('session.resume', { token });
    expect(reason(replayed)).toBe('session-expired');
    expect(audit(restarted, 'session.resumeRefused')).toHaveLength(1);
  });

  it('given an operator at a position, when the next one signs in for the handover, sees the summary and acknowledges it, then the handover is an event and every action is theirs', async () => {
    const console = await consoleWithOperators();
    const atTab = call(console, tab('1'));
    const otherWindow = call(console, tab('1-map'));
    const first = await atTab('session.signIn', { operatorId: 'basim', password: PASSWORD });
    if (!first.ok) throw new Error('no sign-in');
    await otherWindow('session.resume', { token: (first.value as { token: string }).token });
    const incident = await createIncident(console.api);
    await atTab('session.setHandoverNotes', { notes: 'الوحدة 101 بانتظار الوقود' });

    const refused = await atTab('session.beginHandover', { operatorId: 'zainab', password: 'wrong-password' });
    expect(reason(refused)).toBe('sign-in-wrong');
    const summary = await atTab('session.beginHandover', { operatorId: 'zainab', password: PASSWORD });
    expect(summary).toMatchObject({
      ok: true,
      value: {
        incoming: { id: 'zainab' },
        outgoing: { id: 'basim', name: 'باسم' },
        openIncidents: [{ id: incident.id, number: incident.number }],
        notes: 'الوحدة 101 بانتظار الوقود',
      },
    });
    // Nothing changed yet: the outgoing operator is still the one acting.
    expect(await atTab('session.current', {})).toMatchObject({ ok: true, value: { operator: { id: 'basim' } } });

    const handoverId = summary.ok ? (summary.value as { handoverId: string }).handoverId : '';
    const accepted = await atTab('session.acceptHandover', { handoverId });
    expect(accepted).toMatchObject({ ok: true, value: { session: { state: 'active', operator: { id: 'zainab' } } } });
    const note = await atTab('incident.append', {
      incidentId: incident.id,
      change: { type: 'incident.noteAdded', payload: { text: 'استلمت المناوبة' } },
    });
    expect(note).toMatchObject({ ok: true });
    // The position's other window is the incoming operator's too.
    expect(await otherWindow('session.current', {})).toMatchObject({ ok: true, value: { operator: { id: 'zainab' } } });

    const handovers = readDatabase(console.host.store, (db) =>
      db
        .prepare<[], { actor: string; payload: string; console_id: string }>(
          "SELECT actor, payload, console_id FROM events WHERE type = 'operator.tookOver'",
        )
        .all(),
    );
    expect(handovers).toEqual([
      {
        actor: 'زينب',
        console_id: 'C1',
        payload: JSON.stringify({
          position: 'C1',
          from: { id: 'basim', name: 'باسم' },
          notes: 'الوحدة 101 بانتظار الوقود',
          openIncidents: 1,
          unitsCommitted: 0,
          alarms: 0,
        }),
      },
    ]);
    const noteActor = readDatabase(console.host.store, (db) =>
      db.prepare("SELECT actor FROM events WHERE type = 'incident.noteAdded' ORDER BY seq DESC LIMIT 1").get(),
    );
    expect(noteActor).toEqual({ actor: 'زينب' });
    // The outgoing operator's token is of an ended session.
    expect(
      reason(await call(console, tab('2'))('session.resume', { token: (first.value as { token: string }).token })),
    ).toBe('session-expired');
  });

  it('given a new live profile without operators, then the sign-in screen asks for the first administrator, once', async () => {
    const console = startHost();
    const atTab = call(console, tab('1'));
    expect(await atTab('session.current', {})).toMatchObject({
      ok: true,
      value: { state: 'signed-out', firstAdministratorNeeded: true },
    });
    const admin = { ...operator('admin', 'مدير النظام', ['shift-lead']), agencies: [] };
    expect(await atTab('session.createFirstAdministrator', { operator: admin, password: 'short' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    expect(await atTab('session.createFirstAdministrator', { operator: admin, password: PASSWORD })).toMatchObject({
      ok: true,
      value: { session: { operator: { id: 'admin', roles: ['administrator', 'shift-lead'] } } },
    });
    expect(
      reason(
        await call(console, tab('2'))('session.createFirstAdministrator', { operator: admin, password: PASSWORD }),
      ),
    ).toBe('roster-not-empty');
  });

  it('given an operator disabled while signed in, when their window next acts, then it is refused and the session ends', async () => {
    const console = await consoleWithOperators();
    const atTab = call(console, tab('1'));
    await atTab('session.signIn', { operatorId: 'amal', password: PASSWORD });
    console.host.operators.setEnabled('amal', false, 'admin');
    expect(reason(await atTab('call.list', {}))).toBe('operator-disabled');
    expect(await atTab('session.current', {})).toMatchObject({ ok: true, value: { state: 'signed-out' } });
  });
});
