import { AppError } from '../contract/errors';
import type { OperatorRole } from './operator';

/** Roles that edit the roster, bind AVL devices and may override dispatch rules (with a reason). */
export const SUPERVISOR_ROLES: readonly OperatorRole[] = ['shift-lead', 'administrator'];

/** Whether one of the operator's roles supervises (the renderer asks before it offers the action). */
export function isSupervisor(roles: OperatorRole | readonly OperatorRole[] | null | undefined): boolean {
  if (roles === null || roles === undefined) return false;
  const list: readonly OperatorRole[] = typeof roles === 'string' ? [roles] : roles;
  return list.some((role) => SUPERVISOR_ROLES.includes(role));
}

/** `shift-lead or administrator`, as a refusal names the roles. */
export function roleList(roles: readonly OperatorRole[]): string {
  return roles.map((role) => role.replace('-', ' ')).join(' or ');
}

/**
 * The host's check for an action whose arguments make it a supervisor's (a dispatch override): refuses
 * `what` unless the signed-in operator supervises. A call without an operator is the host's own
 * automation, to which roles do not apply (contract/api.ts, `CallContext`).
 */
export function requireSupervisor(
  context: { readonly operator?: { readonly roles: readonly OperatorRole[] } },
  what: string,
): void {
  if (context.operator === undefined || isSupervisor(context.operator.roles)) return;
  throw AppError.because(
    'FORBIDDEN',
    `${what} needs a ${roleList(SUPERVISOR_ROLES)} (the operator's roles: ${context.operator.roles.join(', ')})`,
    { key: 'role-forbidden', params: { roles: SUPERVISOR_ROLES.join(',') } },
  );
}
