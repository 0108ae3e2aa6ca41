import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../../src-main/services/runtime/clock';
import { createHost } from '../../../src-main/host/createHost';
import type { HostEvent } from '../../../src-shared/contract/events';
import { captureLogger } from '../support/captureLogger';
import { useCleanup, useTempDirs } from '../support/cleanup';
import { TEST_VERSION, createTestHost, testConfig, testContext } from '../support/testHost';

const START = Date.UTC(2026, 10, 29, 9, 0, 0);

describe('createHost', () => {
  const tempDir = useTempDirs();
  const defer = useCleanup();

  function startHost(file: Parameters<typeof createTestHost>[1] = {}): ReturnType<typeof createTestHost> {
    const started = createTestHost(join(tempDir(), 'data'), file);
    defer(() => started.host.dispose());
    return started;
  }

  it('given a data directory that does not exist yet, when the host is created, then the directory is made', () => {
    const dataDir = join(tempDir(), 'nested', 'deeper', 'data');

    const { host } = createTestHost(dataDir);
    defer(() => host.dispose());

    expect(existsSync(dataDir)).toBe(true);
  });

  it('given a host on a manual clock, when system.ping is dispatched, then it echoes the text with the host clock time', async () => {
    const { host, clock } = startHost();

    const first = await host.dispatch('system.ping', { echo: 'مرحبا' }, testContext);
    clock.advance(90_000);
    const second = await host.dispatch('system.ping', { echo: 'again' }, testContext);

    expect(first).toEqual({ ok: true, value: { echo: 'مرحبا', hostTime: START } });
    expect(second).toEqual({ ok: true, value: { echo: 'again', hostTime: START + 90_000 } });
  });

  it('given a configured console, when system.info is dispatched, then it describes that console and when the host started', async () => {
    const { host, clock } = startHost({
      consoleCode: 'C7',
      profile: 'drill',
      defaultLanguage: 'en',
    });
    clock.advance(5_000);

    const result = await host.dispatch('system.info', {}, testContext);

    expect(result).toEqual({
      ok: true,
      value: {
        center: host.config.center,
        consoleCode: 'C7',
        profile: 'drill',
        timeZone: 'Asia/Baghdad',
        defaultLanguage: 'en',
        version: TEST_VERSION,
        startedAt: START,
      },
    });
  });

  it('given a fresh host, when system.links is dispatched, then the host link is reported up since the start, labelled with the console code', async () => {
    const { host } = startHost({ consoleCode: 'C3' });

    const result = await host.dispatch('system.links', {}, testContext);

    // (The AVL broker link is listed too: the embedded broker runs by default.)
    expect(result).toMatchObject({ ok: true });
    expect(result.ok ? result.value : null).toContainEqual({
      id: 'host',
      kind: 'host',
      label: 'C3',
      state: 'up',
      since: START,
    });
  });

  it('given a subscriber, when a link is reported, then system.links lists it in id order and the subscriber gets onLinkStatus', async () => {
    const { host, clock } = startHost();
    const events: HostEvent[] = [];
    host.subscribe((event) => events.push(event));
    clock.advance(1_000);

    host.links.report('peer:C2', 'peer', 'C2', 'connecting');
    const result = await host.dispatch('system.links', {}, testContext);

    const peer = { id: 'peer:C2', kind: 'peer', label: 'C2', state: 'connecting', since: START + 1_000 };
    expect(events.filter((event) => event.name === 'onLinkStatus' && event.payload.id === 'peer:C2')).toEqual([
      { name: 'onLinkStatus', payload: peer },
    ]);
    const ids = result.ok ? (result.value as { id: string }[]).map((link) => link.id) : [];
    expect(ids).toEqual([...ids].sort());
    expect(result.ok ? result.value : null).toContainEqual(peer);
  });

  it('given an unsubscribed listener, when an event is published, then it no longer receives it', () => {
    const { host } = startHost();
    const events: HostEvent[] = [];
    const unsubscribe = host.subscribe((event) => events.push(event));

    unsubscribe();
    host.links.report('serial:/dev/ttyS0', 'serial', '/dev/ttyS0', 'down', 'ENOENT');

    expect(events).toEqual([]);
  });

  it('given bad arguments or an unknown channel, when dispatched through the host, then the host answers with error data', async () => {
    const { host } = startHost();

    const invalid = await host.dispatch('system.ping', {}, testContext);
    const unknown = await host.dispatch('system.shutdown', {}, testContext);

    expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', issues: [{ path: 'echo' }] } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('given a host, when it is disposed twice, then both calls resolve and it stops only once', async () => {
    const { logger, lines } = captureLogger();
    const host = createHost(testConfig(join(tempDir(), 'data')), { clock: manualClock(), logger });

    await host.dispose();
    await host.dispose();

    expect(lines.filter((line) => line.msg === 'host stopped')).toHaveLength(1);
  });
});
