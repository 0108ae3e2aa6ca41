// The drill's scripted telephony line read by a drill console's serial service, as a device is:
// ALI records written for the scenario's calls arrive in the queue through the real ALI path, and a
// serial outage cuts the line until it is restored.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAliTemplate, parseAliText } from '../../../src-shared/domain/protocols/ali';
import type { CallInject } from '../../../src-shared/domain/drill/scenario';
import { drillRebidRecord, drillRingRecord } from '../../../src-main/services/drill/drillAli';
import { inProcessApi } from '../../support/remoteClient';
import { useCleanup, useTempDirs } from '../support/cleanup';
import { createTestHost, testContext } from '../support/testHost';
import { waitUntil } from '../support/waitUntil';

const RING_AT = Date.UTC(2026, 11, 8, 9, 0, 0);

/** A Phase I call with a rebid, as a scenario writes it. */
const call: CallInject = {
  id: 'call-1',
  at: 10,
  kind: 'call',
  ali: {
    classOfService: 'WPH1',
    callback: '+9647701900001',
    address: { community: 'BAGHDAD/AL-KARRADA', locationText: 'ASIACELL SITE BGD-0123 SEC 2' },
    rebid: { afterSeconds: 20, position: { lat: 33.3031, lon: 44.4287, uncertaintyM: 30, confidencePct: 90 } },
  },
  caller: { opening: 'الحگونا! رجال وگع بالمحل وما يتحرك!', manner: 'panicked', answers: { q1: 'لا، ما يرد علي.' } },
  truth: {
    type: 'cardiac-arrest',
    priority: 1,
    agencies: ['ambulance'],
    location: { lat: 33.3031, lon: 44.4287 },
    capabilities: ['ambulance-basic'],
  },
};

function labelled15() {
  const file = resolve(import.meta.dirname, '../../../resources/ali-templates/labelled-15.json');
  const template = parseAliTemplate(JSON.parse(readFileSync(file, 'utf8')));
  if (!template.ok) throw new Error(template.errors.join('; '));
  return template.value;
}

describe('drill ALI records', () => {
  it('given a Phase I call with a rebid, when its records are parsed with the shipped template, then they say what the scenario says', () => {
    const template = labelled15();
    const parse = (text: string) => {
      const [frame] = parseAliText(template, text, { timeZone: 'Asia/Baghdad' });
      if (!frame?.result.ok) throw new Error(JSON.stringify(frame?.result));
      return frame.result.value;
    };
    const ring = parse(drillRingRecord(call, { sequence: 1, at: RING_AT, position: 2 }));
    const rebidText = drillRebidRecord(call, { sequence: 2, at: RING_AT + 20_000, position: 2 });
    if (rebidText === null) throw new Error('no rebid');
    const rebid = parse(rebidText);

    expect(ring.classOfService.code).toBe('WPH1');
    expect(ring.callbackNumber).toBe('+9647701900001');
    expect(ring.location).toBeUndefined();
    expect(ring.time).toBe('2026-12-08T09:00:00.000Z');
    expect(rebid.classOfService.code).toBe('WPH2');
    expect(rebid.location).toMatchObject({ lat: 33.3031, lon: 44.4287, uncertaintyM: 30 });
  });
});

describe('the drill telephony line', () => {
  const tempDir = useTempDirs();
  const defer = useCleanup();

  it('given a drill console, when a scenario call rings on its line, then the call waits in the queue with its caller script and raw bytes', async () => {
    const { host } = createTestHost(tempDir(), {
      profile: 'drill',
      serial: { ports: [{ id: 'ali', path: 'demo:drill', protocol: 'ali' }] },
    });
    defer(() => host.dispose());
    const lines = host.drillLines;
    if (!lines) throw new Error('a drill console has drill lines');
    const api = inProcessApi(host, testContext);
    await waitUntil(() => host.links.list().some((link) => link.id === 'serial:ali' && link.state === 'up'), 'line up');

    lines.setScript(call.ali.callback, [call.caller.opening]);
    expect(lines.telephony.deliver(drillRingRecord(call, { sequence: 1, at: host.clock.now(), position: 1 }))).toBe(
      true,
    );

    const calls = await api.call.list({});
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ source: 'ali', status: 'waiting', callerScript: [call.caller.opening] });
    expect(calls[0]?.rawInputIds.length).toBe(1);
  });

  it('given a serial outage, when a call rings meanwhile, then nothing arrives and the link is down; restored, the line reopens', async () => {
    const { host } = createTestHost(tempDir(), {
      profile: 'drill',
      serial: { ports: [{ id: 'ali', path: 'demo:drill', protocol: 'ali' }] },
    });
    defer(() => host.dispose());
    const lines = host.drillLines;
    if (!lines) throw new Error('a drill console has drill lines');
    const state = () => host.links.list().find((link) => link.id === 'serial:ali')?.state;
    await waitUntil(() => state() === 'up', 'line up');

    lines.telephony.cut('drill outage');
    await waitUntil(() => state() === 'down', 'line down');
    expect(lines.telephony.deliver(drillRingRecord(call, { sequence: 1, at: host.clock.now(), position: 1 }))).toBe(
      false,
    );

    lines.telephony.restore();
    await waitUntil(() => state() === 'up', 'line up again', 10_000);
    expect(lines.telephony.deliver(drillRingRecord(call, { sequence: 2, at: host.clock.now(), position: 1 }))).toBe(
      true,
    );
    expect(await inProcessApi(host, testContext).call.list({})).toHaveLength(1);
  });

  it('given a demo console, when it starts, then it has no drill lines to play', () => {
    const { host } = createTestHost(tempDir(), { profile: 'demo' });
    defer(() => host.dispose());
    expect(host.drillLines).toBeNull();
  });
});
