import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedFile, skipTestWithout } from '../../support/prerequisites';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
const MAPDATA = join(REPO_ROOT, 'resources', 'mapdata');
const SCRIPT = join(REPO_ROOT, 'scripts', 'build-mapdata.mjs');
const SHARED_README = sharedFile('mapdata', 'README.md');
const SHARED_MAPDATA = join(SHARED_README.path, '..');

const temp = mkdtempSync(join(tmpdir(), 'nida-mapdata-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('the shipped street-level data (resources/mapdata, built by scripts/build-mapdata.mjs)', () => {
  it('given ../shared/mapdata, when the build script runs again, then it writes exactly the committed files', (context) => {
    skipTestWithout(context, SHARED_README);
    execFileSync(process.execPath, [SCRIPT, '--from', SHARED_MAPDATA, '--out', temp], {
      cwd: REPO_ROOT,
      stdio: 'pipe',
    });

    const built = readdirSync(temp).sort();
    expect(built).toEqual(readdirSync(MAPDATA).sort());
    for (const file of built)
      expect(readFileSync(join(temp, file)).equals(readFileSync(join(MAPDATA, file))), file).toBe(true);
  });

  it('carries the credit line of every source it ships', () => {
    const attribution = readFileSync(join(MAPDATA, 'ATTRIBUTION.md'), 'utf8');
    expect(attribution).toContain(
      "Data from Who's On First (https://whosonfirst.org/docs/licenses/) · GeoNames (CC BY 4.0)",
    );
    expect(attribution).toContain('© CSO Iraq / OCHA Iraq (COD-AB 2019), via HDX, CC BY 3.0 IGO');
    expect(attribution).toContain('Made with Natural Earth.');
    const sources = JSON.parse(readFileSync(join(MAPDATA, 'sources.json'), 'utf8')) as {
      files: Record<string, string>;
    };
    expect(Object.keys(sources.files)).toContain('iraq-localities.geojson');
  });

  it('refuses a file whose checksum is not the audited one, naming it', () => {
    const from = mkdtempSync(join(tmpdir(), 'nida-mapdata-bad-'));
    try {
      for (const file of readdirSync(MAPDATA)) execFileSync('cp', [join(MAPDATA, file), from]);
      execFileSync('sh', ['-c', `chmod u+w '${from}'/* && echo ' ' >> '${join(from, 'iraq-water.geojson')}'`]);
      expect(() =>
        execFileSync(process.execPath, [SCRIPT, '--from', from, '--out', join(temp, 'bad')], { stdio: 'pipe' }),
      ).toThrow(/iraq-water\.geojson: sha256 .* is not the audited/);
    } finally {
      rmSync(from, { recursive: true, force: true });
    }
  });
});
