import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCRYPT,
  hashParams,
  hashPassword,
  verifyPassword,
} from '../../../src-main/services/operators/passwords';
import { TEST_KDF } from '../support/testHost';

describe('passwords: scrypt with a random salt, parameters kept with the hash', () => {
  it('given the default parameters, then they are OWASP’s minimum for scrypt and a hash made with them verifies', async () => {
    expect(DEFAULT_SCRYPT).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    const hash = await hashPassword('نداء-911-كلمة-سر');
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]{44}$/);
    expect(hashParams(hash)).toEqual(DEFAULT_SCRYPT);
    expect(await verifyPassword('نداء-911-كلمة-سر', hash)).toBe(true);
  });

  it('given one password hashed twice, then the salts and hashes differ and neither contains the password', async () => {
    const [a, b] = await Promise.all([
      hashPassword('amal-hassan-2026', TEST_KDF),
      hashPassword('amal-hassan-2026', TEST_KDF),
    ]);
    expect(a).not.toBe(b);
    expect(a.split('$')[4]).not.toBe(b.split('$')[4]);
    for (const hash of [a, b]) {
      expect(hash).not.toContain('amal-hassan');
      expect(await verifyPassword('amal-hassan-2026', hash)).toBe(true);
    }
  });

  it('given a wrong password, a password differing only in case or a trailing space, then it does not verify', async () => {
    const hash = await hashPassword('Correct-Horse-911', TEST_KDF);
    for (const attempt of ['correct-horse-911', 'Correct-Horse-911 ', 'Correct-Horse-91', ''])
      expect(await verifyPassword(attempt, hash)).toBe(false);
  });

  it('given the same text in two Unicode forms (composed and decomposed), then both verify', async () => {
    const composed = 'كلمة-سرّ-é-2026'.normalize('NFC');
    const hash = await hashPassword(composed, TEST_KDF);
    expect(await verifyPassword(composed.normalize('NFD'), hash)).toBe(true);
  });

  it.each([
    ['not a hash at all', 'plain-text-password'],
    ['another algorithm', 'bcrypt$10$abc$def$ghi$jkl'],
    ['N not a power of two', 'scrypt$1000$8$1$c2FsdHNhbHRzYWx0$' + 'A'.repeat(43) + '='],
    ['parameters asking for gigabytes', 'scrypt$4194304$8$1$c2FsdHNhbHRzYWx0$' + 'A'.repeat(43) + '='],
    ['a key of the wrong length', 'scrypt$1024$8$1$c2FsdHNhbHRzYWx0$AAAA'],
  ])('given %s as the stored hash, then no password verifies against it', async (_what, stored) => {
    expect(hashParams(stored)).toBeNull();
    expect(await verifyPassword('plain-text-password', stored)).toBe(false);
  });
});
