import { AppError } from '../contract/errors';
import type { OperatorRole } from '../contract/schemas';

/** Roles that edit the roster, bind AVL devices and may override dispatch rules (with a reason). */
export const SUPERVISOR_ROLES: readonly OperatorRole[] = ['shift-lead', 'administrator'];

/** Whether a console's operator role supervises (the renderer asks before it offers the action). */
export function isSupervisor(role: OperatorRole | null | undefined): boolean {
  return role !== null && role !== undefined && SUPERVISOR_ROLES.includes(role);
}

/** The host's check: refuses `what` (e.g. "editing the roster") unless the role supervises. */
export function requireSupervisor(role: OperatorRole, what: string): void {
  if (!isSupervisor(role)) {
    throw new AppError('FORBIDDEN', `${what} needs a shift lead or administrator (this console's role is ${role})`);
  }
}
