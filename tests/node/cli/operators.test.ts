// `nida operators` as an administrator's script runs it: the built command in a child process, the
// password piped on standard input (never an argument), the roster read back with `list --json`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNida } from '../../support/nidaProcess';
import { builtCli, skipTestWithout } from '../../support/prerequisites';
import { useTempDirs } from '../support/cleanup';

const tempDir = useTempDirs();
const PASSWORD = 'shahrazad-1001-nights';

/** A data directory whose live profile hashes at the least cost it allows (the test's speed). */
function dataDir(): string {
  const dir = tempDir('nida-cli-operators-');
  writeFileSync(join(dir, 'nida.config.json'), JSON.stringify({ signIn: { passwordCost: 14 } }));
  return dir;
}

async function operators(dir: string, args: readonly string[], input?: string) {
  return runNida(['operators', ...args, '--data', dir], {}, input).exited;
}

interface Listed {
  readonly operators: readonly { id: string; roles: string[]; languages: string[]; enabled: boolean }[];
}

describe('nida operators', () => {
  it('given a password on standard input, when an administrator adds, disables, enables and re-keys an operator, then list shows each change and never a password or hash', async (context) => {
    skipTestWithout(context, builtCli());
    const dir = dataDir();
    const added = await operators(
      dir,
      [
        'add',
        'amal',
        '--name-ar',
        'أمل',
        '--name-latin',
        'Amal',
        '--role',
        'call-taker,dispatcher',
        '--language',
        'ar,ckb',
      ],
      `${PASSWORD}\n`,
    );
    expect(added.code, added.stderr).toBe(0);

    const listed = async (): Promise<Listed> => {
      const run = await operators(dir, ['list', '--json']);
      expect(run.stdout).not.toContain(PASSWORD);
      expect(run.stdout).not.toMatch(/scrypt|hash/i);
      return JSON.parse(run.stdout) as Listed;
    };
    expect((await listed()).operators).toEqual([
      expect.objectContaining({
        id: 'amal',
        roles: ['call-taker', 'dispatcher'],
        languages: ['ar', 'ckb'],
        enabled: true,
      }),
    ]);

    expect((await operators(dir, ['disable', 'amal'])).code).toBe(0);
    expect((await listed()).operators[0]?.enabled).toBe(false);
    expect((await operators(dir, ['enable', 'amal'])).code).toBe(0);
    expect((await listed()).operators[0]?.enabled).toBe(true);

    const rekeyed = await operators(dir, ['passwd', 'amal'], 'a-new-longer-phrase\n');
    expect(rekeyed.code, rekeyed.stderr).toBe(0);
    expect(`${rekeyed.stdout}${rekeyed.stderr}`).not.toContain('a-new-longer-phrase');
  });

  it('given a short password, an existing id or an unknown role, then each is refused with the reason and nothing is added', async (context) => {
    skipTestWithout(context, builtCli());
    const dir = dataDir();
    const add = (id: string, role: string, password: string) =>
      operators(dir, ['add', id, '--name-ar', 'باسم', '--name-latin', 'Basim', '--role', role], `${password}\n`);

    const short = await add('basim', 'dispatcher', 'short');
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('at least 10 characters');

    expect((await add('basim', 'dispatcher', PASSWORD)).code).toBe(0);
    const again = await add('basim', 'dispatcher', PASSWORD);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('operator basim exists');

    const badRole = await add('karim', 'commander', PASSWORD);
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toContain('unknown role commander');

    const list = JSON.parse((await operators(dir, ['list', '--json'])).stdout) as Listed;
    expect(list.operators.map((operator) => operator.id)).toEqual(['basim']);
  });
});
