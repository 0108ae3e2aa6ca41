// `nida avl trackers`: the administrator reads (or renews) the account the units' trackers give
// the embedded broker, before or after the console's first start.
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trackerAccountPath } from '../../../src-main/services/avl/trackerAccount';
import { useTempDirs } from '../support/cleanup';
import { nida } from '../support/cli';

const tempDir = useTempDirs();

interface Printed {
  readonly username: string;
  readonly password: string;
  readonly file: string;
  readonly renewed: boolean;
}

describe('nida avl trackers', () => {
  it('given a new data directory, when asked twice, then one account is made 0600 and shown the same both times; --new-password replaces it', async () => {
    const dataDir = join(tempDir('nida-cli-avl-'), 'data');
    const first = await nida(['avl', 'trackers', '--data', dataDir, '--json']);
    expect(first.exitCode).toBe(0);
    const account = JSON.parse(first.stdout) as Printed;
    expect(account).toMatchObject({ username: 'trackers', file: trackerAccountPath(dataDir), renewed: false });
    expect(statSync(account.file).mode & 0o777).toBe(0o600);

    const again = await nida(['avl', 'trackers', '--data', dataDir]);
    expect(again.stdout).toContain(`password   ${account.password}`);

    const renewed = JSON.parse(
      (await nida(['avl', 'trackers', '--data', dataDir, '--new-password', '--json'])).stdout,
    ) as Printed;
    expect(renewed.renewed).toBe(true);
    expect(renewed.password).not.toBe(account.password);
    expect(statSync(account.file).mode & 0o777).toBe(0o600);
  });

  it('given a console on a center broker, then it says trackers have accounts there and exits 1', async () => {
    const dataDir = tempDir('nida-cli-avl-');
    writeFileSync(
      join(dataDir, 'nida.config.json'),
      JSON.stringify({ avl: { broker: { url: 'mqtt://10.0.0.5:1883' } } }),
    );
    const run = await nida(['avl', 'trackers', '--data', dataDir]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("the center's broker (10.0.0.5:1883)");
  });
});
