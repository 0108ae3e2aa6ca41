import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../../../src-main/config/config';
import { CALLER_SCRIPTS, demoCall, openDemoTelephonyLine } from '../../../src-main/services/demo/demoCalls';
import { demoConfig } from '../../../src-main/cli/demo';
import { seededRandom } from '../../../src-shared/domain/random';
import { parseAliTemplate, parseAliText } from '../../../src-shared/domain/protocols/ali';
import { useCleanup, useTempDirs } from '../support/cleanup';
import { inProcessApi } from '../../support/remoteClient';
import { createTestHost, testContext } from '../support/testHost';
import { waitUntil } from '../support/waitUntil';
import { readDatabase } from '../support/readDatabase';

const TEMPLATE_FILE = resolve(import.meta.dirname, '../../../resources/ali-templates/labelled-15.json');

function labelled15() {
  const template = parseAliTemplate(JSON.parse(readFileSync(TEMPLATE_FILE, 'utf8')));
  if (!template.ok) throw new Error(template.errors.join('; '));
  return template.value;
}

describe('the simulated telephony line of the demo and drill profiles', () => {
  const tempDir = useTempDirs();
  const defer = useCleanup();

  it('given 200 generated calls, when parsed with the shipped labelled-15 template, then every record decodes inside Baghdad', () => {
    const random = seededRandom(7);
    const template = labelled15();
    const classes = new Set<string>();
    let rebids = 0;
    for (let sequence = 1; sequence <= 200; sequence++) {
      const call = demoCall(sequence, Date.UTC(2026, 10, 29, 11, 0), random);
      if (call.records.length === 2) rebids++;
      for (const { text } of call.records) {
        const [frame, ...rest] = parseAliText(template, text, { timeZone: 'Asia/Baghdad' });
        expect(rest).toEqual([]);
        if (!frame?.result.ok) throw new Error(`record ${String(sequence)} rejected: ${JSON.stringify(frame?.result)}`);
        const record = frame.result.value;
        classes.add(record.classOfService.code);
        expect(record.callbackNumber.length).toBeGreaterThan(6);
        expect(record.time).toMatch(/^2026-11-29T1[01]:/);
        if (record.classOfService.code === 'WPH2') {
          expect(record.location?.lat).toBeGreaterThan(33.2);
          expect(record.location?.lat).toBeLessThan(33.45);
          expect(record.location?.lon).toBeGreaterThan(44.25);
          expect(record.location?.lon).toBeLessThan(44.55);
        } else {
          expect(record.location).toBeUndefined();
        }
      }
    }
    expect([...classes].sort()).toEqual(['RESD', 'WPH1', 'WPH2']);
    expect(rebids).toBeGreaterThan(20);
  });

  it("given the default configuration, when the demo line rings for an hour, then it brings a call every 2–3 minutes, one person's pace", async () => {
    const defaults = parseConfig({ profile: 'demo' }, tempDir(), 'test').demo;
    expect(defaults.callIntervalSeconds).toBe(150);
    expect(demoConfig()).toMatchObject({ demo: { callIntervalSeconds: 150 } });
    vi.useFakeTimers();
    try {
      const line = openDemoTelephonyLine({
        intervalSeconds: defaults.callIntervalSeconds,
        seed: defaults.seed,
        firstCallAfterMs: defaults.firstCallAfterSeconds * 1000,
        now: () => Date.now(),
      });
      // A Phase II rebid is the same call again: one callback number, one call.
      const callers = new Set<string>();
      line.onData((bytes) => {
        const callback = /CALLBACK: (\S+)/.exec(new TextDecoder().decode(bytes))?.[1];
        if (callback !== undefined) callers.add(callback);
      });
      await vi.advanceTimersByTimeAsync(3_600_000);
      await line.close();
      expect(callers.size).toBeGreaterThanOrEqual(18);
      expect(callers.size).toBeLessThanOrEqual(32);
    } finally {
      vi.useRealTimers();
    }
  });

  it('given a live profile, when a port uses a simulated line, then the configuration is refused', () => {
    const ports = [{ id: 'ali', path: 'demo:ali', protocol: 'ali' }];

    expect(() => parseConfig({ profile: 'live', serial: { ports } }, tempDir(), 'test')).toThrow(
      /simulated line.*only in the demo and drill profiles/,
    );
    expect(parseConfig({ profile: 'drill', serial: { ports } }, tempDir(), 'test').serial.ports[0]?.path).toBe(
      'demo:ali',
    );
  });

  it('given a demo host, when the simulated line rings, then calls reach the queue through the telephony path and are stored raw', async () => {
    const { host } = createTestHost(tempDir(), {
      profile: 'demo',
      serial: { ports: [{ id: 'ali', path: 'demo:ali', protocol: 'ali' }] },
      demo: { callIntervalSeconds: 0.2, seed: 3, firstCallAfterSeconds: 0 },
    });
    defer(() => host.dispose());

    const waiting = new Set<string>();
    const stop = host.subscribe((event) => {
      if (event.name === 'onCallChanged') waiting.add(event.payload.id);
    });
    defer(stop);
    await waitUntil(() => waiting.size >= 3, 'three simulated calls in the queue', 10_000);
    const calls = await inProcessApi(host, testContext).call.list({});

    // At least the three heard of (`every` alone would pass on an empty queue).
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(calls.every((call) => call.source === 'ali' && call.status === 'waiting')).toBe(true);
    expect(calls.every((call) => call.rawInputIds.length > 0)).toBe(true);
    // Each carries what its caller says, a few Arabic lines from the demo's scripts, for the call-taker to read.
    for (const call of calls) {
      expect(CALLER_SCRIPTS.map((script) => [...script])).toContainEqual(call.callerScript);
      expect(call.callerScript?.[0]).toMatch(/[\u0600-\u06FF]/);
    }
    const raw = readDatabase(
      host.store,
      (db) => db.prepare("SELECT count(*) AS n FROM raw_inputs WHERE source = 'serial:ali'").get() as { n: number },
    );
    expect(raw.n).toBeGreaterThanOrEqual(3);
  });
});
