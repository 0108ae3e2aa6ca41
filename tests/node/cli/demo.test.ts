import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtFile, requirePrerequisites } from '../../support/prerequisites';
import { demoConfig, startDemo } from '../../../src-main/cli/demo';
import { CONFIG_FILE_NAME } from '../../../src-main/config/config';
import { inProcessApi } from '../../support/remoteClient';
import { useCleanup, useTempDirs } from '../support/cleanup';
import { testContext } from '../support/testHost';

const notBuilt = requirePrerequisites(builtFile('out', 'renderer', 'index.html'));

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
}

describe.skipIf(notBuilt !== null)('nida demo', () => {
  const tempDir = useTempDirs();
  const defer = useCleanup();

  it('given a fresh demo directory, when the demo starts, then the roster is seeded, simulated units report over MQTT and a call rings through the telephony path', async () => {
    const dataDir = tempDir();
    // The demo's own config, with calls coming quickly for the test.
    writeFileSync(
      join(dataDir, CONFIG_FILE_NAME),
      JSON.stringify({ ...demoConfig(), demo: { callIntervalSeconds: 2, seed: 5, firstCallAfterSeconds: 0.1 } }),
    );
    const demo = await startDemo({ dataDir, units: 8, rateHz: 2, port: 0, json: true });
    defer(() => demo.stop());
    const { host } = demo.console;
    const api = inProcessApi(host, testContext);

    expect(host.config.profile).toBe('demo');
    expect(host.store.status.path).toMatch(/demo\.db$/);
    const units = await api.unit.list({});
    expect(units.length).toBe(50);
    const positions = await eventually(
      () => api.avl.positions({}),
      (list) => list.length >= 8,
      'eight simulated units on the map',
    );
    const rosterIds = new Set(units.map((unit) => unit.id));
    expect(positions.every((position) => rosterIds.has(position.unitId) && position.source === 'mqtt')).toBe(true);
    const calls = await eventually(
      () => api.call.list({}),
      (list) => list.length >= 1,
      'a simulated call in the queue',
    );
    expect(calls[0]).toMatchObject({ source: 'ali', status: 'waiting' });
  }, 30_000);

  it('given a demo directory whose config names the live profile, when the demo starts, then it refuses', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, CONFIG_FILE_NAME), JSON.stringify({ profile: 'live' }));

    await expect(startDemo({ dataDir, units: 1, rateHz: 1, port: 0, json: true })).rejects.toThrow(
      /never runs on live data/,
    );
  });
});
