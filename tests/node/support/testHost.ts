// Real hosts for tests: a real SQLite file in a temp directory, a manual clock, and windows that
// call it through the one typed client (tests/support/remoteClient.ts) as a chosen dispatcher. Each
// window signs in, as the host demands, as an operator named after its caller (seeded on first use
// with the role the test asks for): the one place node tests sign in.
import { join } from 'node:path';
import { parseConfig, type ConfigFile, type HostConfig } from '../../../src-main/config/config';
import { manualClock } from '../../../src-main/services/runtime/clock';
import { createHost, type Host } from '../../../src-main/host/createHost';
import { loadDemoRoster } from '../../../src-main/services/units/demoRoster';
import type { CallContext, RemoteApi } from '../../../src-shared/contract/api';
import type { EventName, HostEvent, HostEvents } from '../../../src-shared/contract/events';
import type { OperatorRole } from '../../../src-shared/contract/schemas';
import type { ScryptParams } from '../../../src-main/services/operators/passwords';
import type { CallEventPayload, CallRecord } from '../../../src-shared/domain/call';
import type { UnitRecord } from '../../../src-shared/domain/unit';
import { remoteApi, unwrap, type UncheckedCall } from '../../support/remoteClient';
import { AMAL, START, TELEPHONY } from '../../support/scenario';
import { useCleanup, useTempDirs } from './cleanup';

export const TEST_VERSION = '0.0.0-test';

/** Cheap scrypt parameters: tests sign in often; passwords.test.ts checks the real ones. */
export const TEST_KDF: ScryptParams = { N: 1024, r: 8, p: 1 };
/** The password of every operator the test support seeds. */
export const TEST_PASSWORD = 'test-password-911';

/**
 * The sign-in name of the operator a window's caller acts as with these roles (`amal` as a
 * dispatcher → `amal.dispatcher`): the roster is the center's, so Amal the dispatcher at one console
 * and Amal the shift lead at another are two operators.
 */
export function operatorIdOf(actor: string, roles: readonly OperatorRole[]): string {
  const base = actor
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '');
  return `${base || 'op'}.${roles.join('.')}`.slice(0, 40);
}

/** Adds the operator a window's caller acts as, unless the roster has them (names as the caller is called). */
export async function seedOperator(host: Host, actor: string, roles: readonly OperatorRole[]): Promise<string> {
  const id = operatorIdOf(actor, roles);
  if (!host.operators.get(id))
    await host.operators.save(
      { id, name: { ar: actor, latin: actor }, roles: [...roles], agencies: [], languages: ['ar'] },
      { actor: 'test-seed', password: TEST_PASSWORD },
    );
  return id;
}

/** Signs the window of `context` in (through `session.signIn`) as its caller, seeded with `roles`. */
export async function signInWindow(host: Host, context: CallContext, roles: readonly OperatorRole[]): Promise<void> {
  const operatorId = await seedOperator(host, context.actor, roles);
  const result = await host.dispatch('session.signIn', { operatorId, password: TEST_PASSWORD }, context);
  if (!result.ok) throw new Error(`${context.actor} could not sign in: ${result.error.message}`);
}

/**
 * The typed client of a window whose caller is signed in with `roles`: the operator is seeded and
 * signed in (through `session.signIn`, as a window does) before the first call. `internal` callers are
 * the host's own automation and need no sign-in.
 */
export function signedInApi(host: Host, context: CallContext, roles: readonly OperatorRole[]): RemoteApi {
  return remoteApi(signedInInvoke(host, context, roles));
}

function signedInInvoke(
  host: Host,
  context: CallContext,
  roles: readonly OperatorRole[],
): (channel: string, args: unknown) => ReturnType<Host['dispatch']> {
  let ready: Promise<void> | null = context.transport === 'internal' ? Promise.resolve() : null;
  return async (channel, args) => {
    ready ??= signInWindow(host, context, roles);
    await ready;
    return host.dispatch(channel, args, context);
  };
}

type ConfigFileFields = Partial<Record<keyof ConfigFile, unknown>>;

/** A context as a transport would build it, for calls made straight into `host.dispatch`. */
export const testContext: CallContext = { clientId: 'test-client', transport: 'internal', actor: 'tester' };

/** Defaults from the real schema, plus whatever the test sets. */
export function testConfig(dataDir: string, file: ConfigFileFields = {}): HostConfig {
  // The embedded MQTT broker on a free port: test files run in parallel and must not collide on 1883.
  return parseConfig({ avl: { embedded: { port: 0 } }, ...file }, dataDir, TEST_VERSION);
}

export interface TestHost {
  readonly host: Host;
  readonly clock: ReturnType<typeof manualClock>;
}

/** A real host on a manual clock. The caller disposes it (usually through `useCleanup`). */
export function createTestHost(dataDir: string, file: ConfigFileFields = {}): TestHost {
  const clock = manualClock();
  const host = createHost(testConfig(dataDir, file), { clock, kdf: TEST_KDF });
  return { host, clock };
}

/** A started host with windows on it and every event it published. */
export interface HostUnderTest extends TestHost {
  readonly dataDir: string;
  /** Amal's window (AMAL): the default caller. */
  readonly api: RemoteApi;
  /** The window of another caller (`as(BASIM)`). */
  readonly as: (context: CallContext) => RemoteApi;
  /** Signs the window of `context` in now (a test calling `host.dispatch` as that window needs it first). */
  readonly signIn: (context: CallContext) => Promise<void>;
  /** Any channel with any arguments (as Amal unless told): for what the contract would not let a test write. */
  readonly unchecked: (channel: string, args: unknown, context?: CallContext) => Promise<unknown>;
  /** Every event the host published since it started, in order. */
  readonly events: HostEvent[];
  /** The payloads of one event, in order. */
  readonly published: <N extends EventName>(name: N) => HostEvents[N][];
  /** A telephony record arriving on the internal path. */
  readonly ring: (record: CallEventPayload<'call.received'>) => CallRecord;
  /** A unit of the roster, read from the host (fails when there is none). */
  readonly unit: (unitId: string) => UnitRecord;
  /** Stops the host (it is also stopped after the test). */
  readonly dispose: () => Promise<void>;
}

export interface HostOptions {
  /** The `nida.config.json` contents over the test defaults (a free broker port, a named operator). */
  readonly config?: ConfigFileFields;
  /** The role every window's operator signs in with (dispatcher unless given, here or as `config.operator.role`). */
  readonly role?: OperatorRole;
  /** Seeds the demo roster (50 units of Baghdad) before the test. */
  readonly roster?: boolean;
  /** Reuse a data directory (restart on the same files); a fresh one by default. */
  readonly dataDir?: string;
  /** The clock's start (START unless given). */
  readonly start?: number;
  /** `configured`: new password hashes cost what the config's `signIn.passwordCost` says (cheap TEST_KDF otherwise). */
  readonly kdf?: 'configured';
}

/** Real hosts on temp data directories, disposed after each test. Call once per file (or describe block). */
export function useTestHosts(): {
  readonly startHost: (options?: HostOptions) => HostUnderTest;
  readonly tempDir: (prefix?: string) => string;
  readonly defer: ReturnType<typeof useCleanup>;
} {
  const tempDir = useTempDirs();
  const defer = useCleanup();
  const startHost = (options: HostOptions = {}): HostUnderTest => {
    const dataDir = options.dataDir ?? join(tempDir('nida-host-'), 'data');
    // Older tests name the role as the console's (`operator.role`): it is the windows' operators' now.
    const { operator: legacyOperator, ...config } = { ...options.config } as ConfigFileFields & {
      operator?: { role?: OperatorRole };
    };
    const role: OperatorRole = options.role ?? legacyOperator?.role ?? 'dispatcher';
    // The clock reads START while the host starts, as it would on a console started then.
    const clock = manualClock(options.start ?? START);
    const host = createHost(testConfig(dataDir, config), {
      clock,
      ...(options.kdf !== 'configured' && { kdf: TEST_KDF }),
    });
    defer(() => host.dispose());
    const events: HostEvent[] = [];
    host.subscribe((event) => events.push(event));
    if (options.roster) host.units.seedRoster(loadDemoRoster(host.config.resourcesDir), 'test-seed');
    const windows = new Map<CallContext, ReturnType<typeof signedInInvoke>>();
    const invokeAs = (context: CallContext): ReturnType<typeof signedInInvoke> => {
      let invoke = windows.get(context);
      if (!invoke) {
        invoke = signedInInvoke(host, context, [role]);
        windows.set(context, invoke);
      }
      return invoke;
    };
    const as = (context: CallContext): RemoteApi => remoteApi(invokeAs(context));
    const unchecked = (channel: string, args: unknown, context: CallContext = AMAL): ReturnType<UncheckedCall> =>
      unwrap(channel, invokeAs(context)(channel, args));
    return {
      host,
      clock,
      dataDir,
      api: as(AMAL),
      as,
      unchecked,
      signIn: async (context) => {
        await invokeAs(context)('session.current', {});
      },
      events,
      published: <N extends EventName>(name: N): HostEvents[N][] =>
        events.filter((event) => event.name === name).map((event) => event.payload as HostEvents[N]),
      ring: (record) => host.intake.receiveCall(record, TELEPHONY),
      unit: (unitId) => {
        const unit = host.units.get(unitId);
        if (!unit) throw new Error(`no unit ${unitId}`);
        return unit;
      },
      dispose: () => host.dispose(),
    };
  };
  return { startHost, tempDir, defer };
}
