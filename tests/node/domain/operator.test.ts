import { describe, expect, it } from 'vitest';
import {
  applyOperatorEvent,
  countFailure,
  isLockedOut,
  lockoutUntil,
  OperatorEventError,
  operatorDefinitionSchema,
  type LockoutPolicy,
} from '../../../src-shared/domain/operator';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 29, 9, 0, 0);
const policy: LockoutPolicy = { maxFailures: 5, windowMs: 15 * MINUTE, lockoutMs: 15 * MINUTE };

describe('lockout after repeated failures (injected time)', () => {
  it('given five failures within fifteen minutes, then the fifth locks the operator out for fifteen minutes from it', () => {
    let count = null as ReturnType<typeof countFailure> | null;
    const at = [0, 1, 2, 10, 14].map((minutes) => T0 + minutes * MINUTE);
    const outcomes = at.map((now) => {
      count = countFailure(count, now, policy);
      return lockoutUntil(count, now, policy);
    });
    expect(outcomes).toEqual([null, null, null, null, T0 + 29 * MINUTE]);
    expect(count).toEqual({ failures: 5, since: T0 });
  });

  it('given failures spread beyond the window, then the count starts again and nobody is locked out', () => {
    let count = countFailure(null, T0, policy);
    for (let i = 1; i <= 3; i++) count = countFailure(count, T0 + i * MINUTE, policy);
    expect(count.failures).toBe(4);
    // The fifth comes when the window of the first has passed: a new window of one.
    count = countFailure(count, T0 + 15 * MINUTE, policy);
    expect(count).toEqual({ failures: 1, since: T0 + 15 * MINUTE });
    expect(lockoutUntil(count, T0 + 15 * MINUTE, policy)).toBeNull();
  });

  it('given a lockout until a time, then it holds until that millisecond and is lifted by time alone', () => {
    const until = T0 + 15 * MINUTE;
    expect(isLockedOut(until, T0)).toBe(true);
    expect(isLockedOut(until, until - 1)).toBe(true);
    expect(isLockedOut(until, until)).toBe(false);
    expect(isLockedOut(null, T0)).toBe(false);
  });
});

describe('the operators roster as a fold', () => {
  const amal = operatorDefinitionSchema.parse({
    id: ' Amal.Hassan ',
    name: { ar: 'أمل حسن', latin: 'Amal Hassan' },
    roles: ['call-taker', 'dispatcher'],
    agencies: ['police-patrols'],
    languages: ['ar', 'kmr'],
  });

  it('given a sign-in name typed with capitals and spaces, then it is stored trimmed and in lower case', () => {
    expect(amal.id).toBe('amal.hassan');
  });

  it.each([
    ['no role', { roles: [] }],
    ['a role twice', { roles: ['dispatcher', 'dispatcher'] }],
    ['an unknown role', { roles: ['janitor'] }],
    ['an unknown language', { languages: ['xx'] }],
    ['a sign-in name in Arabic', { id: 'أمل' }],
  ])('given %s, then the definition is refused', (_what, change) => {
    expect(operatorDefinitionSchema.safeParse({ ...amal, ...change }).success).toBe(false);
  });

  it('given saved, password, disabled, locked out and unlocked in turn, then the roster entry follows and its version grows', () => {
    const event = <T extends Parameters<typeof applyOperatorEvent>[1]>(e: Omit<T, 'operatorId'>): T =>
      ({ operatorId: amal.id, ...e }) as T;
    let record = applyOperatorEvent(null, event({ type: 'operator.saved', payload: amal, at: T0 }));
    expect(record).toMatchObject({ enabled: true, hasPassword: false, lockedOutUntil: null, version: 1 });
    record = applyOperatorEvent(
      record,
      event({ type: 'operator.passwordSet', payload: { hash: 'x'.repeat(40) }, at: T0 + 1 }),
    );
    expect(record).toMatchObject({ hasPassword: true, version: 2 });
    expect(JSON.stringify(record)).not.toContain('xxxx');
    record = applyOperatorEvent(record, event({ type: 'operator.disabled', payload: {}, at: T0 + 2 }));
    expect(record.enabled).toBe(false);
    record = applyOperatorEvent(
      record,
      event({ type: 'operator.lockedOut', payload: { until: T0 + MINUTE, failures: 5 }, at: T0 + 3 }),
    );
    expect(record.lockedOutUntil).toBe(T0 + MINUTE);
    record = applyOperatorEvent(record, event({ type: 'operator.unlocked', payload: {}, at: T0 + 4 }));
    expect(record).toMatchObject({ lockedOutUntil: null, enabled: false, version: 5, updatedAt: T0 + 4 });
  });

  it('given an event for an operator not in the roster, then the fold refuses it', () => {
    expect(() =>
      applyOperatorEvent(null, { operatorId: 'nobody', type: 'operator.enabled', payload: {}, at: T0 }),
    ).toThrow(OperatorEventError);
  });
});
