import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/contract/errors';
import { operatorRoles } from '../../../src-shared/contract/schemas';
import { isSupervisor, requireSupervisor } from '../../../src-shared/domain/operatorRole';

describe('supervisor roles', () => {
  it('given each operator role, then only shift leads and administrators supervise', () => {
    expect(operatorRoles.filter((role) => isSupervisor(role))).toEqual(['shift-lead', 'administrator']);
    expect(isSupervisor(['call-taker', 'shift-lead'])).toBe(true);
    expect(isSupervisor(undefined)).toBe(false);
  });

  it('given a dispatcher, when a supervisor action is asked for, then it is refused as FORBIDDEN, naming the action', () => {
    const operator = (roles: (typeof operatorRoles)[number][]) => ({
      operator: { id: 'x', roles, agencies: [], sessionId: 's' },
    });
    expect(() => requireSupervisor(operator(['dispatcher', 'shift-lead']), 'editing the roster')).not.toThrow();
    // The host's own automation has no operator: no role applies to it.
    expect(() => requireSupervisor({}, 'editing the roster')).not.toThrow();
    let refused: unknown;
    try {
      requireSupervisor(operator(['dispatcher']), 'editing the roster');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'FORBIDDEN', reason: { key: 'role-forbidden' } });
    expect((refused as AppError).message).toContain('editing the roster needs a shift lead or administrator');
  });
});
