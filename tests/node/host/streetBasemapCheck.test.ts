// Issue 20, finding 10a: a street basemap that is not PMTiles or MBTiles (or cannot be read) is
// named at start, in the log and in the header's links, and the map is not offered it.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src-main/config/config';
import { createHost } from '../../../src-main/host/createHost';
import { MapFiles } from '../../../src-main/http/mapFiles';
import { manualClock } from '../../../src-main/services/runtime/clock';
import { testContext, testConfig } from '../support/testHost';
import { captureLogger } from '../support/captureLogger';
import { useCleanup, useTempDirs } from '../support/cleanup';

const PMTILES_HEAD = Buffer.concat([Buffer.from('PMTiles'), Buffer.from([3]), Buffer.alloc(120)]);

describe('the street basemap checked at start', () => {
  const tempDir = useTempDirs();
  const defer = useCleanup();

  async function startWith(fileName: string, content: Buffer | string | null) {
    const dataDir = tempDir();
    if (content !== null) writeFileSync(join(dataDir, fileName), content);
    const { logger, lines } = captureLogger();
    const host = createHost(testConfig(dataDir, { map: { streetBasemap: fileName } }), {
      clock: manualClock(),
      logger,
    });
    defer(() => host.dispose());
    const result = await host.dispatch('system.links', {}, testContext);
    if (!result.ok) throw new Error(result.error.message);
    const links = result.value as readonly { id: string; kind: string; state: string; detail?: string }[];
    return { dataDir, lines, mapLink: links.find((link) => link.id === 'map:street') };
  }

  it.each([
    [
      'a GeoJSON file named .pmtiles',
      'streets.pmtiles',
      '{"type":"FeatureCollection"}',
      /neither a PMTiles file nor an MBTiles archive/,
    ],
    ['an empty .mbtiles file', 'streets.mbtiles', '', /neither a PMTiles file nor an MBTiles archive/],
    ['a missing file', 'streets.pmtiles', null, /does not exist/],
    [
      'a PMTiles file named .mbtiles',
      'streets.mbtiles',
      PMTILES_HEAD,
      /PMTiles file but its name does not end in \.pmtiles/,
    ],
  ])(
    'given %s, when the host starts, then the log and the map link say what is wrong',
    async (_case, name, content, problem) => {
      const { lines, mapLink, dataDir } = await startWith(name, content);

      expect(mapLink).toMatchObject({ kind: 'map', state: 'down' });
      expect(mapLink?.detail).toMatch(problem);
      expect(mapLink?.detail).toContain(join(dataDir, name));
      const logged = lines.find((line) => String(line.msg).startsWith('street basemap not used'));
      expect(logged?.level).toBe(50);
      expect(String(logged?.msg)).toMatch(problem);
    },
  );

  it('given a folder, then it is named as a folder', () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, 'streets.pmtiles'));
    const { logger, lines } = captureLogger();
    const host = createHost(testConfig(dataDir, { map: { streetBasemap: 'streets.pmtiles' } }), { logger });
    defer(() => host.dispose());

    expect(lines.some((line) => /is a folder/.test(String(line.msg)))).toBe(true);
  });

  // root reads any file, so this one only means something as an ordinary user.
  it.runIf(process.getuid?.() !== 0)('given a file Nida cannot read, then the permissions are named', () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'locked.pmtiles'), PMTILES_HEAD);
    chmodSync(join(dataDir, 'locked.pmtiles'), 0o000);
    const { logger, lines } = captureLogger();
    const host = createHost(testConfig(dataDir, { map: { streetBasemap: 'locked.pmtiles' } }), { logger });
    defer(() => host.dispose());

    expect(lines.some((line) => /cannot be read by Nida's user/.test(String(line.msg)))).toBe(true);
  });

  it('given a valid PMTiles file, then the map link is up and no problem is logged', async () => {
    const { lines, mapLink } = await startWith('streets.pmtiles', PMTILES_HEAD);

    expect(mapLink).toMatchObject({ kind: 'map', state: 'up' });
    expect(lines.some((line) => String(line.msg).startsWith('street basemap not used'))).toBe(false);
  });

  it('given no street basemap configured, then there is no map link', async () => {
    const dataDir = tempDir();
    const host = createHost(testConfig(dataDir), { clock: manualClock() });
    defer(() => host.dispose());
    const result = await host.dispatch('system.links', {}, testContext);

    expect(result.ok && (result.value as { id: string }[]).some((link) => link.id === 'map:street')).toBe(false);
  });

  it('given a file that is not PMTiles, when the map asks for the manifest, then no street basemap is offered (no browser error)', () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'streets.pmtiles'), 'not a basemap');
    const files = new MapFiles(parseConfig({ map: { streetBasemap: 'streets.pmtiles' } }, dataDir, 'test'));
    defer(() => files.close());

    expect(files.manifest().streetBasemap).toBeNull();
  });
});
