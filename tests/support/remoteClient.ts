// The one typed client of the tests: `RemoteApi` (src-shared/contract/api.ts), as the renderer
// has it, over either an in-process host (`host.dispatch` with a chosen caller, here) or the
// WebSocket transport (`connectRemote` in wsClient.ts: token, Origin, wire messages as a browser
// tab sends them). Node tests, renderer store tests and Playwright specs all use it, so a contract
// change is a compile error in every test that calls the channel. No Node API here: the renderer
// store tests typecheck against the browser's lib.
import type { CallContext, RemoteApi } from '../../src-shared/contract/api';
import type { ErrorCode, ErrorData, ErrorReason, FieldIssue, Result } from '../../src-shared/contract/errors';

/** A call the host refused: its `{ code, message, issues, reason }` as a thrown Error. */
export class RemoteError extends Error {
  override readonly name = 'RemoteError';
  readonly code: ErrorCode;
  readonly issues: readonly FieldIssue[] | undefined;
  readonly reason: ErrorReason | undefined;
  /** The `domain.method` that was refused. */
  readonly channel: string;

  constructor(channel: string, error: ErrorData) {
    super(error.message);
    this.channel = channel;
    this.code = error.code;
    this.issues = error.issues;
    this.reason = error.reason;
  }
}

/** Sends one call as a transport does; resolves with the host's answer, refusals included. */
export type Invoke = (channel: string, args: unknown) => Promise<Result<unknown>>;

/** Resolves with the value, or rejects with a RemoteError. */
export async function unwrap(channel: string, reply: Promise<Result<unknown>>): Promise<unknown> {
  const result = await reply;
  if (!result.ok) throw new RemoteError(channel, result.error);
  return result.value;
}

/** `api.incident.create({...})` → `incident.create` through `invoke`. */
export function remoteApi(invoke: Invoke): RemoteApi {
  const domains = new Map<string, object>();
  const domainProxy = (domain: string): object =>
    new Proxy(
      {},
      {
        get(_target, method) {
          // 'then' stays undefined, or `await api.system` would take the proxy for a promise.
          if (typeof method !== 'string' || method === 'then') return undefined;
          const channel = `${domain}.${method}`;
          return (args: unknown) => unwrap(channel, invoke(channel, args));
        },
      },
    );
  return new Proxy({} as RemoteApi, {
    get(_target, domain) {
      if (typeof domain !== 'string' || domain === 'then') return undefined;
      let proxy = domains.get(domain);
      if (!proxy) {
        proxy = domainProxy(domain);
        domains.set(domain, proxy);
      }
      return proxy;
    },
  });
}

/** Any channel with any arguments: for what the typed client cannot send (unknown channels, malformed arguments). */
export type UncheckedCall = (channel: string, args: unknown) => Promise<unknown>;

/** What the in-process client needs of a host (src-main's `Host` has it). */
export interface DispatchingHost {
  dispatch(channel: string, args: unknown, context: CallContext): Promise<Result<unknown>>;
}

/** A window on an in-process host: every call goes through `host.dispatch` as `context`. */
export function inProcessApi(host: DispatchingHost, context: CallContext): RemoteApi {
  return remoteApi((channel, args) => host.dispatch(channel, args, context));
}

/** The untyped path of `inProcessApi`, for calls the contract would not let a test write. */
export function inProcessUnchecked(host: DispatchingHost, context: CallContext): UncheckedCall {
  return (channel, args) => unwrap(channel, host.dispatch(channel, args, context));
}

/** A window's view of the host as a caller names it. */
export function windowContext(actor: string): CallContext {
  return { clientId: `window-${actor}`, transport: 'websocket', actor };
}

/** The error a call was refused with; fails the test when it succeeds instead. */
export async function refusal(call: Promise<unknown>): Promise<RemoteError> {
  try {
    const value = await call;
    throw new Error(`expected a refusal, got ${JSON.stringify(value)}`);
  } catch (error) {
    if (error instanceof RemoteError) return error;
    throw error;
  }
}
