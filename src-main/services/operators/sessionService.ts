import { createHash, randomBytes } from 'node:crypto';
import type {
  CallContext,
  Handlers,
  HandoverSummary,
  SessionApi,
  SessionOperator,
  SessionState,
  SignedIn,
  WaitingSummary,
} from '../../../src-shared/contract/api';
import { AppError, type ErrorReasonKey } from '../../../src-shared/contract/errors';
import type { EventName } from '../../../src-shared/contract/events';
import { isPublicEvent, rolesReceiving } from '../../../src-shared/contract/events';
import { newEventId } from '../../../src-shared/contract/ids';
import { isCommand, type ChannelAccess } from '../../../src-shared/contract/roles';
import {
  actorName,
  hasAnyRole,
  type CallLanguage,
  type OperatorDefinition,
  type OperatorRecord,
  type OperatorRole,
} from '../../../src-shared/domain/operator';
import { roleList } from '../../../src-shared/domain/operatorRole';
import type { Clock } from '../runtime/clock';
import type { Logger } from '../runtime/logger';
import type { Publish } from '../runtime/publish';
import type { AuditAction } from '../store/audit';
import type { Store } from '../store/store';
import type { OperatorService } from './operatorService';

/** A handover summary must be acknowledged within this long, or it is asked for again. */
const HANDOVER_VALID_MS = 5 * 60_000;

/** What the incoming operator takes over: read from the records when the handover begins. */
export type HandoverContents = Pick<HandoverSummary, 'openIncidents' | 'unitsCommitted' | 'alarms'>;

/** Who is at this position, for the center's presence list. */
export interface PositionOperator {
  readonly name: string;
  readonly role: OperatorRole;
  readonly languages: readonly CallLanguage[];
  readonly locked: boolean;
}

export interface SessionConfig {
  readonly consoleCode: string;
  readonly idleLockMinutes: number;
  readonly lockExpiresMinutes: number;
  readonly wallWithoutSignIn: boolean;
}

export interface SessionServiceDeps {
  readonly config: SessionConfig;
  readonly store: Store;
  readonly operators: OperatorService;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly recordAction: (action: Omit<AuditAction, 'at' | 'consoleId'>) => void;
  readonly publish: Publish<'onSessionChanged'>;
  /** Calls waiting and alarms sounding, counted now. */
  readonly waiting: () => WaitingSummary;
  /** What an operator of these agencies takes over (all agencies when none). */
  readonly handoverContents: (agencies: readonly string[]) => HandoverContents;
  /** The position's operator changed (signed in, out, locked, handed over): the center hears it. */
  readonly onPositionChanged?: () => void;
}

export interface SessionService {
  readonly handlers: Handlers<SessionApi>;
  /**
   * The dispatcher's gate: the context a window's call runs with (its operator stamped), or the
   * FORBIDDEN refusal (audited for a command) before any service runs.
   */
  admit(channel: string, access: ChannelAccess, context: CallContext): CallContext;
  /** A window's connection closed. */
  disconnect(clientId: string): void;
  /** Whether a window receives this event now (records only behind an unlocked session). */
  mayReceive(clientId: string, event: EventName): boolean;
  /** The operator most recently signed in at this position (presence), or null. */
  positionOperator(): PositionOperator | null;
}

interface Session {
  readonly id: string;
  /** sha256 of the token: the token itself is never kept. */
  readonly tokenHash: string;
  readonly operatorId: string;
  readonly signedInAt: number;
  lockedAt: number | null;
  /** When the last of its windows closed (a session without windows locks after the idle time). */
  orphanedAt: number | null;
  readonly clients: Set<string>;
}

interface PendingHandover {
  readonly id: string;
  readonly sessionId: string;
  readonly incoming: OperatorRecord;
  readonly summary: HandoverSummary;
  readonly createdAt: number;
}

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

function forbidden(key: ErrorReasonKey, message: string, params: Record<string, string> = {}): AppError {
  return AppError.because('FORBIDDEN', message, { key, params });
}

function sessionOperator(operator: OperatorDefinition): SessionOperator {
  return {
    id: operator.id,
    name: operator.name,
    roles: operator.roles,
    agencies: operator.agencies,
    languages: operator.languages,
  };
}

/**
 * Operators signing in at the windows of this console. A session lives in the host's memory only (a
 * restart ends every session: an old token is refused) and is bound to the connections of the
 * windows that signed in or resumed with its token. The window locks itself after the operator's
 * idle time (it alone sees the keyboard); the host keeps the lock, refuses every command while it
 * holds, and ends a session locked too long or left without a window past the idle time.
 */
export function createSessionService(deps: SessionServiceDeps): SessionService {
  const { config, store, operators, clock, logger } = deps;
  const idleMs = config.idleLockMinutes * 60_000;
  const lockExpiresMs = config.lockExpiresMinutes * 60_000;
  const sessions = new Map<string, Session>();
  const byToken = new Map<string, Session>();
  const byClient = new Map<string, Session>();
  let handover: PendingHandover | null = null;
  let handoverNotes = '';
  const position = `position:${config.consoleCode}`;

  const audit = (action: Omit<AuditAction, 'at' | 'consoleId'>): void => {
    try {
      deps.recordAction(action);
    } catch (error) {
      logger.error({ err: error, action: action.action }, 'could not audit a session action');
    }
  };

  const changed = (session: Session): void => {
    deps.publish('onSessionChanged', { sessionId: session.id });
    deps.onPositionChanged?.();
  };

  const end = (session: Session, why: 'signOut' | 'expired' | 'handover' | 'disabled'): void => {
    sessions.delete(session.id);
    byToken.delete(session.tokenHash);
    for (const clientId of session.clients) if (byClient.get(clientId) === session) byClient.delete(clientId);
    if (handover?.sessionId === session.id) handover = null;
    if (why !== 'handover') {
      const operator = operators.get(session.operatorId);
      audit({
        actor: operator ? actorName(operator) : session.operatorId,
        action: why === 'signOut' ? 'session.signOut' : 'session.ended',
        subject: position,
        details: { operatorId: session.operatorId, sessionId: session.id, ...(why !== 'signOut' && { reason: why }) },
      });
    }
    changed(session);
  };

  const actorNameOf = (session: Session): string => {
    const operator = operators.get(session.operatorId);
    return operator ? actorName(operator) : session.operatorId;
  };

  /** Applies the clock: a lock that lasted too long ends the session; a session without a window locks. */
  const current = (session: Session | undefined): Session | undefined => {
    if (!session || !sessions.has(session.id)) return undefined;
    const now = clock.now();
    if (session.lockedAt === null && session.orphanedAt !== null && now - session.orphanedAt >= idleMs) {
      session.lockedAt = session.orphanedAt + idleMs;
      audit({
        actor: actorNameOf(session),
        action: 'session.locked',
        subject: position,
        details: { operatorId: session.operatorId, sessionId: session.id, reason: 'no-window' },
      });
    }
    if (session.lockedAt !== null && now - session.lockedAt >= lockExpiresMs) {
      end(session, 'expired');
      return undefined;
    }
    return session;
  };

  const stateOf = (session: Session | undefined): SessionState => {
    const operator = session ? operators.get(session.operatorId) : null;
    const common = {
      idleLockMinutes: config.idleLockMinutes,
      wallWithoutSignIn: config.wallWithoutSignIn,
      firstAdministratorNeeded: operators.count() === 0,
      handoverNotes,
    };
    if (!session || !operator)
      return { state: 'signed-out', sessionId: null, operator: null, signedInAt: null, lockedAt: null, ...common };
    return {
      state: session.lockedAt === null ? 'active' : 'locked',
      sessionId: session.id,
      operator: sessionOperator(operator),
      signedInAt: session.signedInAt,
      lockedAt: session.lockedAt,
      ...common,
    };
  };

  const bind = (clientId: string, session: Session): void => {
    const previous = byClient.get(clientId);
    if (previous && previous !== session) previous.clients.delete(clientId);
    byClient.set(clientId, session);
    session.clients.add(clientId);
    session.orphanedAt = null;
  };

  const open = (clientId: string, operator: OperatorRecord): { session: Session; token: string } => {
    const token = randomBytes(32).toString('base64url');
    const session: Session = {
      id: newEventId(),
      tokenHash: hashToken(token),
      operatorId: operator.id,
      signedInAt: clock.now(),
      lockedAt: null,
      orphanedAt: null,
      clients: new Set(),
    };
    sessions.set(session.id, session);
    byToken.set(session.tokenHash, session);
    bind(clientId, session);
    return { session, token };
  };

  const signIn = (clientId: string, operator: OperatorRecord, how: string): SignedIn => {
    const previous = current(byClient.get(clientId));
    if (previous) end(previous, 'signOut');
    const { session, token } = open(clientId, operator);
    audit({
      actor: actorName(operator),
      action: 'session.signIn',
      subject: position,
      details: { operatorId: operator.id, sessionId: session.id, roles: operator.roles, how },
    });
    logger.info({ operatorId: operator.id, sessionId: session.id }, 'operator signed in');
    changed(session);
    return { token, session: stateOf(session) };
  };

  const sessionOf = (context: CallContext): Session => {
    const session = current(byClient.get(context.clientId));
    if (!session) throw forbidden('sign-in-required', 'nobody is signed in at this window');
    return session;
  };

  const admit: SessionService['admit'] = (channel, access, context) => {
    // The host's own automation (tools in this process) acts as itself; no role applies.
    if (context.transport === 'internal') return context;
    if (access === 'public') return context;
    const session = current(byClient.get(context.clientId));
    if (!session) {
      if (access === 'read' && config.wallWithoutSignIn) return { ...context, actor: 'wall' };
      if (isCommand(access))
        audit({
          actor: 'nobody',
          action: 'access.refused',
          subject: position,
          details: { channel, reason: 'sign-in' },
        });
      throw forbidden('sign-in-required', `${channel} needs an operator signed in`);
    }
    const operator = operators.get(session.operatorId);
    if (!operator || !operator.enabled) {
      end(session, 'disabled');
      throw forbidden('operator-disabled', `operator ${session.operatorId} is disabled`);
    }
    const acting: CallContext = {
      ...context,
      actor: actorName(operator),
      operator: { id: operator.id, roles: operator.roles, agencies: operator.agencies, sessionId: session.id },
    };
    if (access === 'session') return acting;
    if (session.lockedAt !== null) {
      if (isCommand(access))
        audit({
          actor: acting.actor,
          action: 'access.refused',
          subject: position,
          details: { channel, reason: 'locked', operatorId: operator.id },
        });
      throw forbidden('session-locked', `the session is locked: ${channel} refused`);
    }
    if (access === 'read') return acting;
    if (!hasAnyRole(operator.roles, access)) {
      audit({
        actor: acting.actor,
        action: 'access.refused',
        subject: position,
        details: { channel, reason: 'role', operatorId: operator.id, roles: operator.roles },
      });
      logger.warn({ channel, operatorId: operator.id, roles: operator.roles }, 'channel refused to the role');
      throw forbidden(
        'role-forbidden',
        `${channel} needs a ${roleList(access)} (the operator's roles: ${operator.roles.join(', ')})`,
        {
          roles: access.join(','),
        },
      );
    }
    return acting;
  };

  const lock = (session: Session, reason: string, actor: string): void => {
    if (session.lockedAt !== null) return;
    session.lockedAt = clock.now();
    audit({
      actor,
      action: 'session.locked',
      subject: position,
      details: { operatorId: session.operatorId, sessionId: session.id, reason },
    });
    changed(session);
  };

  const handlers: Handlers<SessionApi> = {
    current: (_args, context) => stateOf(current(byClient.get(context.clientId))),
    waiting: () => deps.waiting(),
    signIn: async ({ operatorId, password }, context) => {
      const operator = await operators.authenticate(operatorId, password, 'sign-in');
      return signIn(context.clientId, operator, 'password');
    },
    resume: ({ token }, context) => {
      const session = current(byToken.get(hashToken(token)));
      if (!session) {
        audit({ actor: 'nobody', action: 'session.resumeRefused', subject: position, details: {} });
        throw forbidden('session-expired', 'no such session: it ended, or the console restarted since');
      }
      bind(context.clientId, session);
      return stateOf(session);
    },
    signOut: (_args, context) => {
      end(sessionOf(context), 'signOut');
      return stateOf(undefined);
    },
    lock: ({ reason }, context) => {
      const session = sessionOf(context);
      lock(session, reason, context.actor);
      return stateOf(session);
    },
    unlock: async ({ password }, context) => {
      const session = sessionOf(context);
      if (session.lockedAt === null) return stateOf(session);
      await operators.authenticate(session.operatorId, password, 'unlock');
      // The lock may have expired while the password was checked.
      const still = current(session);
      if (!still) throw forbidden('session-expired', 'the lock lasted too long: sign in again');
      still.lockedAt = null;
      audit({
        actor: context.actor,
        action: 'session.unlocked',
        subject: position,
        details: { operatorId: still.operatorId, sessionId: still.id },
      });
      changed(still);
      return stateOf(still);
    },
    touch: (_args, context) => stateOf(sessionOf(context)),
    createFirstAdministrator: async ({ operator, password }, context) => {
      if (operators.count() > 0)
        throw forbidden('roster-not-empty', 'the roster already has operators: an administrator adds more');
      const roles: OperatorRole[] = operator.roles.includes('administrator')
        ? [...operator.roles]
        : ['administrator', ...operator.roles];
      const created = await operators.save({ ...operator, roles }, { actor: operator.name.ar, password });
      audit({
        actor: actorName(created),
        action: 'operator.firstAdministrator',
        subject: `operator:${created.id}`,
        details: {},
      });
      return signIn(context.clientId, created, 'first-administrator');
    },
    setHandoverNotes: ({ notes }, context) => {
      handoverNotes = notes;
      audit({ actor: context.actor, action: 'session.handoverNotes', subject: position, details: { notes } });
      return stateOf(sessionOf(context));
    },
    beginHandover: async ({ operatorId, password }, context) => {
      const session = sessionOf(context);
      const incoming = await operators.authenticate(operatorId, password, 'handover');
      const outgoing = operators.get(session.operatorId);
      const contents = deps.handoverContents(incoming.agencies);
      const summary: HandoverSummary = {
        handoverId: newEventId(),
        incoming: sessionOperator(incoming),
        outgoing: outgoing ? { id: outgoing.id, name: actorName(outgoing) } : null,
        ...contents,
        notes: handoverNotes,
      };
      handover = { id: summary.handoverId, sessionId: session.id, incoming, summary, createdAt: clock.now() };
      return summary;
    },
    acceptHandover: ({ handoverId }, context) => {
      const session = sessionOf(context);
      const pending = handover;
      if (
        !pending ||
        pending.id !== handoverId ||
        pending.sessionId !== session.id ||
        clock.now() - pending.createdAt > HANDOVER_VALID_MS
      )
        throw forbidden('handover-expired', 'no such handover waits: sign in for the handover again');
      handover = null;
      const incoming = operators.get(pending.incoming.id);
      if (!incoming?.enabled) throw forbidden('operator-disabled', `operator ${pending.incoming.id} is disabled`);
      const { summary } = pending;
      // The handover is an event of the incoming operator's stream, stamped with their name.
      store.appendOperatorEvent(
        incoming.id,
        {
          type: 'operator.tookOver',
          payload: {
            position: config.consoleCode,
            from: summary.outgoing,
            notes: summary.notes,
            openIncidents: summary.openIncidents.length,
            unitsCommitted: summary.unitsCommitted.length,
            alarms: summary.alarms.length,
          },
        },
        actorName(incoming),
      );
      const windows = [...session.clients];
      end(session, 'handover');
      const { session: next, token } = open(context.clientId, incoming);
      // Every window of the position is the incoming operator's from now on.
      for (const clientId of windows) bind(clientId, next);
      audit({
        actor: actorName(incoming),
        action: 'session.handover',
        subject: position,
        details: { from: summary.outgoing?.id ?? null, to: incoming.id, sessionId: next.id },
      });
      handoverNotes = '';
      logger.info({ from: summary.outgoing?.id, to: incoming.id }, 'position handed over');
      changed(next);
      return { token, session: stateOf(next) };
    },
  };

  return {
    handlers,
    admit,
    disconnect: (clientId) => {
      const session = byClient.get(clientId);
      byClient.delete(clientId);
      if (!session) return;
      session.clients.delete(clientId);
      if (session.clients.size === 0) session.orphanedAt = clock.now();
    },
    mayReceive: (clientId, event) => {
      if (isPublicEvent(event)) return true;
      const session = byClient.get(clientId);
      const roles = rolesReceiving(event);
      if (!session) return roles === null && config.wallWithoutSignIn;
      if (session.lockedAt !== null) return false;
      return roles === null || hasAnyRole(operators.get(session.operatorId)?.roles ?? [], roles);
    },
    positionOperator: () => {
      let latest: Session | undefined;
      for (const session of sessions.values()) {
        const operator = operators.get(session.operatorId);
        if (!operator || (operator.roles.length === 1 && operator.roles[0] === 'wall')) continue;
        if (!latest || session.signedInAt >= latest.signedInAt) latest = session;
      }
      const operator = latest ? operators.get(latest.operatorId) : null;
      if (!latest || !operator) return null;
      return {
        name: actorName(operator),
        role: operator.roles[0] ?? 'wall',
        languages: operator.languages,
        locked: latest.lockedAt !== null,
      };
    },
  };
}
