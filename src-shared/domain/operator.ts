import { z } from 'zod';

/**
 * The operators of a center: who may sign in at a position, with which roles, for which agencies,
 * in which languages they can take a call. The roster is a stream of the log (`operator`), folded
 * like units, so that in center mode every console knows every operator. Passwords travel only as
 * salted scrypt hashes (src-main/services/operators/passwords.ts) and never leave the host.
 */

/**
 * What an operator may do. Several per operator. `wall`: a wall display's read-only account (a wall
 * can also be configured to need no sign-in at all).
 */
export const operatorRoles = ['call-taker', 'dispatcher', 'shift-lead', 'trainer', 'administrator', 'wall'] as const;
export const operatorRoleSchema = z.enum(operatorRoles);
export type OperatorRole = z.infer<typeof operatorRoleSchema>;

/** Languages a caller may speak and an operator may take a call in (BCP 47 / ISO 639 codes). */
export const callLanguages = ['ar', 'ckb', 'kmr', 'tk', 'en', 'fa'] as const;
export const callLanguageSchema = z.enum(callLanguages);
export type CallLanguage = z.infer<typeof callLanguageSchema>;

/** A sign-in name: lower-case Latin letters, digits, dot, dash, underscore (typed on any keyboard). */
export const operatorIdSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9._-]{1,39}$/, 'a sign-in name is 2-40 Latin letters, digits, dot, dash or underscore');

/** Every password is at least this long (a phrase is easier to remember than a short password). */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;
export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `a password has at least ${String(MIN_PASSWORD_LENGTH)} characters`)
  .max(MAX_PASSWORD_LENGTH);

const uniqueList = <T extends z.ZodType<string>>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .refine((values) => new Set(values).size === values.length, { error: 'listed twice' });

/** What an administrator edits: the operator as the roster shows it (no password, no lockout). */
export const operatorDefinitionSchema = z.strictObject({
  id: operatorIdSchema,
  /** The name in Arabic script (stamped on every action of the operator) and in Latin script. */
  name: z.strictObject({
    ar: z.string().trim().min(1).max(80),
    latin: z.string().trim().min(1).max(80),
  }),
  roles: uniqueList(operatorRoleSchema, 6).refine((roles) => roles.length > 0, { error: 'at least one role' }),
  /** The agencies a dispatcher dispatches for (empty: every agency). */
  agencies: uniqueList(z.string().min(1).max(64), 30),
  /** The languages the operator takes a call in. */
  languages: uniqueList(callLanguageSchema, callLanguages.length),
});
export type OperatorDefinition = z.infer<typeof operatorDefinitionSchema>;

/** An operator as the roster shows it: never the password hash. */
export interface OperatorRecord extends OperatorDefinition {
  readonly enabled: boolean;
  /** Whether a password is set (an operator without one cannot sign in). */
  readonly hasPassword: boolean;
  /** UTC ms until which sign-in is refused after repeated failures; null when not locked out. */
  readonly lockedOutUntil: number | null;
  readonly updatedAt: number;
  readonly version: number;
}

/**
 * The events of the operator stream (stream id: the operator's id). Sign-ins, sign-outs and locks are
 * audit rows of the console where they happen; what every console must agree on is an event.
 */
export const operatorEventPayloads = {
  /** Added or edited (its whole definition). A new operator is enabled. */
  'operator.saved': operatorDefinitionSchema,
  /** The password was set: the scrypt hash with its salt and parameters, never the password. */
  'operator.passwordSet': z.strictObject({ hash: z.string().min(20).max(400) }),
  'operator.enabled': z.strictObject({}),
  'operator.disabled': z.strictObject({ reason: z.string().max(500).optional() }),
  /** Too many failed sign-ins: refused until `until` unless an administrator lifts it. */
  'operator.lockedOut': z.strictObject({ until: z.number().int(), failures: z.number().int().min(1) }),
  'operator.unlocked': z.strictObject({}),
  /**
   * Shift handover at a position: the operator (the stream's id) took over from `from`, having seen
   * the summary it counts, and from then on every action at the position is theirs.
   */
  'operator.tookOver': z.strictObject({
    position: z.string().max(8),
    from: z.strictObject({ id: z.string().max(40), name: z.string().max(80) }).nullable(),
    notes: z.string().max(4000),
    openIncidents: z.number().int().min(0),
    unitsCommitted: z.number().int().min(0),
    alarms: z.number().int().min(0),
  }),
} as const;

export type OperatorEventType = keyof typeof operatorEventPayloads;
export type OperatorEventPayload<T extends OperatorEventType> = z.infer<(typeof operatorEventPayloads)[T]>;
export type PendingOperatorEvent = {
  [T in OperatorEventType]: { type: T; payload: OperatorEventPayload<T> };
}[OperatorEventType];

/** The name an operator's actions are stamped with (events, audit rows, "answered by"). */
export function actorName(operator: Pick<OperatorDefinition, 'name'>): string {
  return operator.name.ar;
}

/** Whether any of `roles` is among `allowed`. */
export function hasAnyRole(roles: readonly OperatorRole[], allowed: readonly OperatorRole[]): boolean {
  return roles.some((role) => allowed.includes(role));
}

// ---- lockout after repeated failures: pure arithmetic over an injected time ----

export interface LockoutPolicy {
  /** Failed attempts within `windowMs` that lock the operator out. */
  readonly maxFailures: number;
  readonly windowMs: number;
  /** How long a lockout lasts unless an administrator lifts it. */
  readonly lockoutMs: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, windowMs: 15 * 60_000, lockoutMs: 15 * 60_000 };

/** Failed attempts of one operator, as counted by one console. */
export interface FailureCount {
  readonly failures: number;
  /** UTC ms of the first failure of the current window. */
  readonly since: number;
}

/** Counts one failed attempt at `now`; a window that has passed starts again at one. */
export function countFailure(previous: FailureCount | null, now: number, policy: LockoutPolicy): FailureCount {
  if (previous === null || now - previous.since >= policy.windowMs) return { failures: 1, since: now };
  return { failures: previous.failures + 1, since: previous.since };
}

/** Until when the operator is locked out after this count, or null while under the limit. */
export function lockoutUntil(count: FailureCount, now: number, policy: LockoutPolicy): number | null {
  return count.failures >= policy.maxFailures ? now + policy.lockoutMs : null;
}

/** Whether a lockout (from the roster) still holds at `now`: lifted by time on its own. */
export function isLockedOut(lockedOutUntil: number | null, now: number): boolean {
  return lockedOutUntil !== null && now < lockedOutUntil;
}

// ---- the roster as a fold of the operator stream ----

export type OperatorEvent = {
  [T in OperatorEventType]: {
    readonly operatorId: string;
    readonly type: T;
    readonly payload: OperatorEventPayload<T>;
    readonly at: number;
  };
}[OperatorEventType];

export class OperatorEventError extends Error {
  override readonly name = 'OperatorEventError';
}

/** Folds one event into the operator's roster entry. Pure; throws OperatorEventError when it does not fit. */
export function applyOperatorEvent(state: OperatorRecord | null, event: OperatorEvent): OperatorRecord {
  if (event.type === 'operator.saved') {
    const definition = event.payload;
    if (!state)
      return {
        ...definition,
        enabled: true,
        hasPassword: false,
        lockedOutUntil: null,
        updatedAt: event.at,
        version: 1,
      };
    return { ...state, ...definition, updatedAt: event.at, version: state.version + 1 };
  }
  if (!state) throw new OperatorEventError(`no operator ${event.operatorId}`);
  const base = { ...state, updatedAt: event.at, version: state.version + 1 };
  switch (event.type) {
    case 'operator.passwordSet':
      return { ...base, hasPassword: true };
    case 'operator.enabled':
      return { ...base, enabled: true };
    case 'operator.disabled':
      return { ...base, enabled: false };
    case 'operator.lockedOut':
      return { ...base, lockedOutUntil: event.payload.until };
    case 'operator.unlocked':
      return { ...base, lockedOutUntil: null };
    case 'operator.tookOver':
      return base;
  }
}
