import { describe, expect, it } from 'vitest';
import { ConfigError, passwordCostOf } from '../../../src-main/config/config';
import { hashParams } from '../../../src-main/services/operators/passwords';
import { windowContext } from '../../support/remoteClient';
import type { OperatorDefinition } from '../../../src-shared/domain/operator';
import { readDatabase } from '../support/readDatabase';
import { testConfig, useTestHosts, type HostUnderTest } from '../support/testHost';

const PASSWORD = 'correct-horse-911';

/** The scrypt N of the hash stored for an operator. */
const storedN = (console: HostUnderTest, operatorId: string): number | undefined =>
  readDatabase(console.host.store, (db) => {
    const row = db
      .prepare<[string], { password_hash: string | null }>('SELECT password_hash FROM operators WHERE id = ?')
      .get(operatorId);
    return hashParams(row?.password_hash ?? '')?.N;
  });

describe('signIn.passwordCost: the scrypt cost of new password hashes', () => {
  const { startHost, tempDir } = useTestHosts();

  it('given no setting, then live hashes cost 2^17 and demo and drill ones 2^12', () => {
    const dataDir = tempDir();
    expect(passwordCostOf(testConfig(dataDir))).toBe(17);
    expect(passwordCostOf(testConfig(dataDir, { profile: 'drill' }))).toBe(12);
    expect(passwordCostOf(testConfig(dataDir, { profile: 'demo' }))).toBe(12);
    expect(passwordCostOf(testConfig(dataDir, { signIn: { passwordCost: 15 } }))).toBe(15);
  });

  it('given a cost under 2^14 in the live profile, or out of 10..18 in any, then the configuration is refused by name', () => {
    const dataDir = tempDir();
    expect(() => testConfig(dataDir, { signIn: { passwordCost: 13 } })).toThrow(ConfigError);
    expect(() => testConfig(dataDir, { signIn: { passwordCost: 13 } })).toThrow(/signIn\.passwordCost: 13 is below 14/);
    expect(() => testConfig(dataDir, { profile: 'drill', signIn: { passwordCost: 9 } })).toThrow(
      /signIn\.passwordCost/,
    );
    expect(() => testConfig(dataDir, { signIn: { passwordCost: 19 } })).toThrow(/signIn\.passwordCost/);
    expect(passwordCostOf(testConfig(dataDir, { profile: 'drill', signIn: { passwordCost: 10 } }))).toBe(10);
    // A drill file served as live still gets the live floor.
    expect(passwordCostOf({ profile: 'live', signIn: { ...testConfig(dataDir).signIn, passwordCost: 10 } })).toBe(14);
  });

  it('given a password hashed at one cost, when the setting changes and the console restarts, then it still verifies and only new hashes take the new cost', async () => {
    const cheap = startHost({ kdf: 'configured', config: { profile: 'drill', signIn: { passwordCost: 10 } } });
    const definition: Omit<OperatorDefinition, 'id'> = {
      name: { ar: 'أمل', latin: 'Amal' },
      roles: ['call-taker'],
      agencies: [],
      languages: ['ar'],
    };
    await cheap.host.operators.save({ id: 'amal', ...definition }, { actor: 'setup', password: PASSWORD });
    expect(storedN(cheap, 'amal')).toBe(2 ** 10);
    await cheap.dispose();

    const dearer = startHost({
      kdf: 'configured',
      dataDir: cheap.dataDir,
      config: { profile: 'drill', signIn: { passwordCost: 12 } },
    });
    const signedIn = await dearer.host.dispatch(
      'session.signIn',
      { operatorId: 'amal', password: PASSWORD },
      windowContext('tab-1'),
    );
    expect(signedIn).toMatchObject({ ok: true, value: { session: { operator: { id: 'amal' } } } });
    const wrong = await dearer.host.dispatch(
      'session.signIn',
      { operatorId: 'amal', password: 'not-the-password' },
      windowContext('tab-2'),
    );
    expect(wrong.ok).toBe(false);
    await dearer.host.operators.save(
      { id: 'basim', ...definition, name: { ar: 'باسم', latin: 'Basim' } },
      {
        actor: 'setup',
        password: PASSWORD,
      },
    );
    expect(storedN(dearer, 'basim')).toBe(2 ** 12);
    expect(storedN(dearer, 'amal')).toBe(2 ** 10);
  });
});
