// The example deployment in resources/nats (docs/center.md) must be what it claims: configuration
// files Debian's nats-server accepts, and a console configuration Nida accepts.
import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src-main/config/config';
import { NATS_SERVER_BINARY } from '../../support/natsServer';
import { REPO_ROOT } from '../../support/prerequisites';
import { useTempDirs } from '../support/cleanup';
import { withoutNats } from './centerSupport';

const EXAMPLES = join(REPO_ROOT, 'resources', 'nats');
const tempDir = useTempDirs();

describe.skipIf(withoutNats())('the example center deployment (resources/nats)', () => {
  it('given the three hub servers and a sub-station with certificates in place, then nats-server accepts each configuration', () => {
    const directory = tempDir('nida-nats-examples-');
    for (const file of readdirSync(EXAMPLES)) copyFileSync(join(EXAMPLES, file), join(directory, file));
    const openssl = (args: string[]) => spawnSync('openssl', args, { cwd: directory, encoding: 'utf8' });
    openssl([
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'center-ca.key',
      '-out',
      'center-ca.crt',
      '-days',
      '1',
      '-subj',
      '/CN=center-ca',
    ]);
    const servers = [
      { name: 'nida-bgd-1', file: 'nats-1.conf' },
      { name: 'nida-bgd-2', file: 'nats-2.conf' },
      { name: 'nida-bgd-3', file: 'nats-3.conf' },
      { name: 'site-kadhimiya', file: 'site-kadhimiya.conf' },
    ];
    for (const { name, file } of servers) {
      openssl([
        'req',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        `${name}.key`,
        '-out',
        `${name}.csr`,
        '-subj',
        `/CN=${name}`,
      ]);
      openssl([
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        'center-ca.crt',
        '-CAkey',
        'center-ca.key',
        '-CAcreateserial',
        '-out',
        `${name}.crt`,
        '-days',
        '1',
      ]);
      const path = join(directory, file);
      // The machine paths of the example, pointed at this test's directory.
      writeFileSync(
        path,
        readFileSync(path, 'utf8')
          .replaceAll('/etc/nats/tls/', `${directory}/`)
          .replaceAll('/var/lib/nats/jetstream', join(directory, `js-${name}`)),
      );
      const check = spawnSync(NATS_SERVER_BINARY, ['-t', '-c', path], { encoding: 'utf8' });
      expect(check.status, check.stdout + check.stderr).toBe(0);
      expect(check.stdout + check.stderr).toContain('is valid');
    }
  });

  it("given the example console configuration, then Nida accepts it as a center console's", () => {
    const file = JSON.parse(readFileSync(join(EXAMPLES, 'console.nida.config.json'), 'utf8')) as unknown;
    const config = parseConfig(file, tempDir(), 'test');
    expect(config.center.servers).toHaveLength(3);
    expect(config.consoleCode).toBe('C1');
    expect(config.center.sites).toEqual(['site-kadhimiya']);
  });

  it("given the example sub-station console configuration, then Nida accepts it as a site console's", () => {
    const file = JSON.parse(readFileSync(join(EXAMPLES, 'site-console.nida.config.json'), 'utf8')) as unknown;
    const config = parseConfig(file, tempDir(), 'test');
    expect(config.center).toMatchObject({ site: 'site-kadhimiya', hubDomain: 'hub' });
    expect(config.consoleCode).toBe('C101');
  });
});
