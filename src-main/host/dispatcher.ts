import type { CallContext, HostHandlers } from '../../src-shared/contract/api';
import { resolveChannel } from '../../src-shared/contract/channels';
import { AppError, failure, ok, type Result } from '../../src-shared/contract/errors';
import { accessOf, type ChannelAccess } from '../../src-shared/contract/roles';
import { issuesOf } from '../../src-shared/contract/validation';
import type { Logger } from '../services/runtime/logger';

/** Routes a `domain.method` call to its service after validating the arguments. */
export type Dispatch = (channel: string, args: unknown, context: CallContext) => Promise<Result<unknown>>;

type AnyHandler = (args: unknown, context: CallContext) => unknown;

/**
 * Decides, from the channel's declared access (contract/roles.ts) and the window's session, whether a
 * call may run and as whom: returns the context stamped with the operator, or throws the FORBIDDEN.
 */
export interface AccessGate {
  admit(channel: string, access: ChannelAccess, context: CallContext): CallContext;
}

export function createDispatcher(handlers: HostHandlers, gate: AccessGate, logger: Logger): Dispatch {
  return async (channel, args, context) => {
    const resolved = resolveChannel(channel);
    if (!resolved) {
      return failure({ code: 'UNKNOWN_CHANNEL', message: `no channel named ${JSON.stringify(channel.slice(0, 100))}` });
    }
    // Roles first: a window that may not call the channel learns nothing about its arguments.
    let acting: CallContext;
    try {
      acting = gate.admit(channel, accessOf(resolved.domain, resolved.method), context);
    } catch (error) {
      if (error instanceof AppError) return failure(error.toData());
      throw error;
    }
    const parsed = resolved.schema.safeParse(args);
    if (!parsed.success) {
      return failure({
        code: 'INVALID_ARGUMENT',
        message: `invalid arguments for ${channel}`,
        issues: issuesOf(parsed.error),
      });
    }
    const service = handlers[resolved.domain] as unknown as Readonly<Record<string, AnyHandler>>;
    const handler = service[resolved.method];
    if (!handler) {
      return failure({ code: 'UNKNOWN_CHANNEL', message: `${channel} has no handler on this host` });
    }
    try {
      return ok(await handler.call(service, parsed.data, acting));
    } catch (error) {
      if (error instanceof AppError) return failure(error.toData());
      // Unknown failures keep their detail in the log, not on the wire.
      logger.error({ err: error, channel, clientId: context.clientId }, 'handler failed');
      return failure({ code: 'INTERNAL', message: `${channel} failed; see the host log` });
    }
  };
}
