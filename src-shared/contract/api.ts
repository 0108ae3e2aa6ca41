import type { LinkStatus } from './links';
import type { EmptyArgs, Language, LocalizedText, OperatorRole, PingArgs, Profile } from './schemas';

/*
 * The one contract between the console host and every window. Each service interface is
 * declared once here; the host implements it (see `Handlers`), the renderer calls it through
 * `RemoteApi`. Channels are `domain.method`; every method takes one argument object whose zod
 * schema lives in schemas.ts and is enforced by `channelSchemas` below.
 */

export interface PingReply {
  readonly echo: string;
  /** Host clock, UTC ms, to show clock skew between a window and the host. */
  readonly hostTime: number;
}

/** Who and where this console is. */
export interface ConsoleInfo {
  readonly center: { readonly code: string; readonly name: LocalizedText };
  readonly consoleCode: string;
  /** `live` unless this host runs a drill or demo profile, which the UI flags loudly. */
  readonly profile: Profile;
  readonly operator: { readonly name: string; readonly role: OperatorRole };
  readonly timeZone: string;
  readonly defaultLanguage: Language;
  readonly version: string;
  /** UTC ms the host started. */
  readonly startedAt: number;
}

/** Host liveness, identity and the state of its outside links. */
export interface SystemApi {
  /** Round trip to the host; answers with the same text and the host time. */
  ping(args: PingArgs): PingReply;
  /** The center, console, operator and profile this host serves. */
  info(args: EmptyArgs): ConsoleInfo;
  /** Current state of every link (broker, serial ports, peers). */
  links(args: EmptyArgs): readonly LinkStatus[];
}

/** Every service, by domain. A channel is `${domain}.${method}`. */
export interface Api {
  system: SystemApi;
}

export type Domain = keyof Api;

type Method = (args: never) => unknown;

/** The argument type of a contract method. */
export type ArgsOf<F> = F extends (args: infer A) => unknown ? A : never;
/** The result type of a contract method. */
export type ReturnOf<F> = F extends (args: never) => infer R ? Awaited<R> : never;

/** The renderer's view of a service: every method returns a Promise. */
export type Remote<T> = {
  readonly [K in keyof T]: T[K] extends Method ? (args: ArgsOf<T[K]>) => Promise<ReturnOf<T[K]>> : never;
};

export type RemoteApi = { readonly [D in Domain]: Remote<Api[D]> };

/** Who is calling: passed to every handler for audit and permission checks. */
export interface CallContext {
  /** Connection that made the call (one per window or tab). */
  readonly clientId: string;
  readonly transport: 'ipc' | 'websocket' | 'internal';
  readonly actor: string;
}

/** What the host implements for a service: the contract method plus the caller's context. */
export type Handlers<T> = {
  readonly [K in keyof T]: T[K] extends Method
    ? (args: ArgsOf<T[K]>, context: CallContext) => ReturnOf<T[K]> | Promise<ReturnOf<T[K]>>
    : never;
};

export type HostHandlers = { readonly [D in Domain]: Handlers<Api[D]> };

export type Channel = { [D in Domain]: `${D}.${keyof Api[D] & string}` }[Domain];
