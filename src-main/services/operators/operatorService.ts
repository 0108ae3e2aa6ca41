import type { CallContext, Handlers, OperatorApi } from '../../../src-shared/contract/api';
import { AppError } from '../../../src-shared/contract/errors';
import {
  countFailure,
  DEFAULT_LOCKOUT,
  isLockedOut,
  lockoutUntil,
  operatorDefinitionSchema,
  passwordSchema,
  type FailureCount,
  type LockoutPolicy,
  type OperatorDefinition,
  type OperatorRecord,
} from '../../../src-shared/domain/operator';
import type { Clock } from '../runtime/clock';
import type { Logger } from '../runtime/logger';
import type { AuditAction } from '../store/audit';
import type { Store } from '../store/store';
import { DEFAULT_SCRYPT, hashPassword, verifyPassword, type ScryptParams } from './passwords';

/** Why a credential check was refused, as the audit records it (the window is told less: see `refusal`). */
export type CredentialProblem = 'unknown' | 'wrong-password' | 'no-password' | 'disabled' | 'locked-out';

export interface OperatorService {
  readonly handlers: Handlers<OperatorApi>;
  get(operatorId: string): OperatorRecord | null;
  list(): OperatorRecord[];
  count(): number;
  /**
   * Adds or edits an operator (roster dialog, `nida operators`, demo operators, the first
   * administrator); a new operator needs a password, which is hashed here and never stored as given.
   */
  save(
    definition: OperatorDefinition,
    options: { readonly actor: string; readonly password?: string; readonly expectedVersion?: number },
  ): Promise<OperatorRecord>;
  setPassword(operatorId: string, password: string, actor: string): Promise<OperatorRecord>;
  setEnabled(operatorId: string, enabled: boolean, actor: string): OperatorRecord;
  /** Lifts a lockout after failed attempts (an administrator), and forgets the failures counted here. */
  unlock(operatorId: string, actor: string): OperatorRecord;
  /**
   * Checks an operator's password for a sign-in, an unlock or a handover. Every failure is counted
   * toward the lockout and audited; the refusal names no more than the window may know.
   */
  authenticate(
    operatorId: string,
    password: string,
    purpose: 'sign-in' | 'unlock' | 'handover',
  ): Promise<OperatorRecord>;
}

export interface OperatorServiceDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Security-relevant actions (failed attempts, lockouts) go to the audit chain. */
  readonly recordAction: (action: Omit<AuditAction, 'at' | 'consoleId'>) => void;
  /** Who the console's own events are stamped with (`console:C1`): a lockout is the console's doing. */
  readonly systemActor: string;
  readonly lockout?: LockoutPolicy;
  /** Parameters of new hashes (tests pass cheap ones; stored hashes carry their own). */
  readonly kdf?: ScryptParams;
  /** Agency codes of the taxonomy: an operator's agencies must be among them, when given. */
  readonly knownAgencies?: readonly string[];
}

/** The roster of operators (the operator stream of the log) and the checks of their passwords. */
export function createOperatorService(deps: OperatorServiceDeps): OperatorService {
  const { store, clock, logger } = deps;
  const policy = deps.lockout ?? DEFAULT_LOCKOUT;
  const kdf = deps.kdf ?? DEFAULT_SCRYPT;
  // Failed attempts counted at this console; the lockout they lead to is an event every console folds.
  const failures = new Map<string, FailureCount>();
  // Checked for an unknown sign-in name, so that it takes as long as a wrong password.
  let decoy: Promise<string> | null = null;

  const mustGet = (operatorId: string): OperatorRecord => {
    const operator = store.getOperator(operatorId);
    if (!operator) throw new AppError('NOT_FOUND', `no operator ${operatorId}`);
    return operator;
  };

  const audit = (action: Omit<AuditAction, 'at' | 'consoleId'>): void => {
    try {
      deps.recordAction(action);
    } catch (error) {
      logger.error({ err: error, action: action.action }, 'could not audit an operator action');
    }
  };

  const checkAgencies = (definition: OperatorDefinition): void => {
    const known = deps.knownAgencies;
    if (!known) return;
    const unknown = definition.agencies.filter((agency) => !known.includes(agency));
    if (unknown.length > 0)
      throw new AppError('INVALID_ARGUMENT', `unknown agency: ${unknown.join(', ')}`, [
        { path: 'agencies', message: 'unknown agency' },
      ]);
  };

  const save: OperatorService['save'] = async (input, options) => {
    const definition = operatorDefinitionSchema.parse(input);
    checkAgencies(definition);
    const password = options.password === undefined ? undefined : passwordSchema.parse(options.password);
    // Hashing takes a while: done before the transaction, which must not wait.
    const hash = password === undefined ? undefined : await hashPassword(password, kdf);
    return store.atomically('save operator', () => {
      const existing = store.getOperator(definition.id);
      if (options.expectedVersion !== undefined && (existing?.version ?? 0) !== options.expectedVersion)
        throw new AppError(
          'CONFLICT',
          existing
            ? `${definition.id} was changed by someone else (version ${String(existing.version)}, expected ${String(options.expectedVersion)})`
            : `operator ${definition.id} no longer exists`,
        );
      if (!existing && hash === undefined)
        throw new AppError('INVALID_ARGUMENT', 'a new operator needs a password', [
          { path: 'password', message: 'required' },
        ]);
      let saved = store.appendOperatorEvent(
        definition.id,
        { type: 'operator.saved', payload: definition },
        options.actor,
      );
      if (hash !== undefined)
        saved = store.appendOperatorEvent(
          definition.id,
          { type: 'operator.passwordSet', payload: { hash } },
          options.actor,
        );
      return saved;
    });
  };

  const setPassword: OperatorService['setPassword'] = async (operatorId, password, actor) => {
    mustGet(operatorId);
    const hash = await hashPassword(passwordSchema.parse(password), kdf);
    return store.appendOperatorEvent(operatorId, { type: 'operator.passwordSet', payload: { hash } }, actor);
  };

  const setEnabled: OperatorService['setEnabled'] = (operatorId, enabled, actor) => {
    const operator = mustGet(operatorId);
    if (operator.enabled === enabled) return operator;
    return store.appendOperatorEvent(
      operatorId,
      enabled ? { type: 'operator.enabled', payload: {} } : { type: 'operator.disabled', payload: {} },
      actor,
    );
  };

  const unlock: OperatorService['unlock'] = (operatorId, actor) => {
    const operator = mustGet(operatorId);
    failures.delete(operatorId);
    if (operator.lockedOutUntil === null) return operator;
    return store.appendOperatorEvent(operatorId, { type: 'operator.unlocked', payload: {} }, actor);
  };

  const refusal = (problem: CredentialProblem, operator: OperatorRecord | null): AppError => {
    switch (problem) {
      case 'disabled':
        return AppError.because('FORBIDDEN', `operator ${operator?.id ?? ''} is disabled`, {
          key: 'operator-disabled',
          params: {},
        });
      case 'locked-out':
        return AppError.because('FORBIDDEN', `operator ${operator?.id ?? ''} is locked out after failed attempts`, {
          key: 'operator-locked-out',
          params: { until: String(operator?.lockedOutUntil ?? 0) },
        });
      case 'unknown':
      case 'wrong-password':
      case 'no-password':
        // Whether the name exists is not said: that would help whoever guesses.
        return AppError.because('FORBIDDEN', 'unknown sign-in name or wrong password', {
          key: 'sign-in-wrong',
          params: {},
        });
    }
  };

  const authenticate: OperatorService['authenticate'] = async (operatorId, password, purpose) => {
    const credentials = store.operatorCredentials(operatorId);
    const refuse = (problem: CredentialProblem, operator: OperatorRecord | null, extra = {}): AppError => {
      audit({
        actor: operatorId,
        action: `session.${purpose === 'sign-in' ? 'signIn' : purpose}Refused`,
        subject: `operator:${operatorId}`,
        details: { reason: problem, ...extra },
      });
      logger.warn({ operatorId, purpose, problem }, 'credentials refused');
      return refusal(problem, operator);
    };
    if (!credentials) {
      decoy ??= hashPassword('no operator has this password', kdf);
      await verifyPassword(password, await decoy);
      throw refuse('unknown', null);
    }
    const { record, passwordHash } = credentials;
    if (isLockedOut(record.lockedOutUntil, clock.now())) throw refuse('locked-out', record);
    if (passwordHash === null) throw refuse('no-password', record);
    if (!(await verifyPassword(password, passwordHash))) {
      const now = clock.now();
      const count = countFailure(failures.get(operatorId) ?? null, now, policy);
      failures.set(operatorId, count);
      const until = lockoutUntil(count, now, policy);
      if (until !== null) {
        failures.delete(operatorId);
        try {
          // An event: the lockout holds at every console of the center.
          store.appendOperatorEvent(
            operatorId,
            { type: 'operator.lockedOut', payload: { until, failures: count.failures } },
            deps.systemActor,
          );
        } catch (error) {
          logger.error({ err: error, operatorId }, 'could not record the lockout');
        }
        throw refuse('locked-out', { ...record, lockedOutUntil: until }, { failures: count.failures });
      }
      throw refuse('wrong-password', record, { failures: count.failures });
    }
    if (!record.enabled) throw refuse('disabled', record);
    failures.delete(operatorId);
    return record;
  };

  const handlers: Handlers<OperatorApi> = {
    list: () => store.listOperators(),
    save: ({ operator, password, expectedVersion }, context: CallContext) =>
      save(operator, {
        actor: context.actor,
        ...(password !== undefined && { password }),
        ...(expectedVersion !== undefined && { expectedVersion }),
      }),
    setPassword: ({ operatorId, password }, context) => setPassword(operatorId, password, context.actor),
    setEnabled: ({ operatorId, enabled }, context) => setEnabled(operatorId, enabled, context.actor),
    unlock: ({ operatorId }, context) => unlock(operatorId, context.actor),
  };

  return {
    handlers,
    get: (operatorId) => store.getOperator(operatorId),
    list: () => store.listOperators(),
    count: () => store.operatorCount(),
    save,
    setPassword,
    setEnabled,
    unlock,
    authenticate,
  };
}
