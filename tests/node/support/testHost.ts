// Real hosts for tests: a real SQLite file in a temp directory, a manual clock, and windows that
// call it through the one typed client (tests/support/remoteClient.ts) as a chosen dispatcher.
import { join } from 'node:path';
import { parseConfig, type ConfigFile, type HostConfig } from '../../../src-main/config/config';
import { manualClock } from '../../../src-main/services/runtime/clock';
import { createHost, type Host } from '../../../src-main/host/createHost';
import { loadDemoRoster } from '../../../src-main/services/units/demoRoster';
import type { CallContext, RemoteApi } from '../../../src-shared/contract/api';
import type { EventName, HostEvent, HostEvents } from '../../../src-shared/contract/events';
import type { OperatorRole } from '../../../src-shared/contract/schemas';
import type { CallEventPayload, CallRecord } from '../../../src-shared/domain/call';
import type { UnitRecord } from '../../../src-shared/domain/unit';
import { inProcessApi, inProcessUnchecked } from '../../support/remoteClient';
import { AMAL, START, TELEPHONY } from '../../support/scenario';
import { useCleanup, useTempDirs } from './cleanup';

export const TEST_VERSION = '0.0.0-test';

type ConfigFileFields = Partial<Record<keyof ConfigFile, unknown>>;

/** A context as a transport would build it, for calls made straight into `host.dispatch`. */
export const testContext: CallContext = { clientId: 'test-client', transport: 'internal', actor: 'tester' };

/** Defaults from the real schema, plus whatever the test sets. */
export function testConfig(dataDir: string, file: ConfigFileFields = {}): HostConfig {
  // The embedded MQTT broker on a free port: test files run in parallel and must not collide on 1883.
  return parseConfig(
    { operator: { name: 'Test Operator' }, avl: { embedded: { port: 0 } }, ...file },
    dataDir,
    TEST_VERSION,
  );
}

export interface TestHost {
  readonly host: Host;
  readonly clock: ReturnType<typeof manualClock>;
}

/** A real host on a manual clock. The caller disposes it (usually through `useCleanup`). */
export function createTestHost(dataDir: string, file: ConfigFileFields = {}): TestHost {
  const clock = manualClock();
  const host = createHost(testConfig(dataDir, file), { clock });
  return { host, clock };
}

/** A started host with windows on it and every event it published. */
export interface HostUnderTest extends TestHost {
  readonly dataDir: string;
  /** Amal's window (AMAL): the default caller. */
  readonly api: RemoteApi;
  /** The window of another caller (`as(BASIM)`). */
  readonly as: (context: CallContext) => RemoteApi;
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
  /** The console operator's role (dispatcher unless given). */
  readonly role?: OperatorRole;
  /** Seeds the demo roster (50 units of Baghdad) before the test. */
  readonly roster?: boolean;
  /** Reuse a data directory (restart on the same files); a fresh one by default. */
  readonly dataDir?: string;
  /** The clock's start (START unless given). */
  readonly start?: number;
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
    const config: ConfigFileFields = options.role
      ? { operator: { name: 'Test Operator', role: options.role }, ...options.config }
      : { ...options.config };
    // The clock reads START while the host starts, as it would on a console started then.
    const clock = manualClock(options.start ?? START);
    const host = createHost(testConfig(dataDir, config), { clock });
    defer(() => host.dispose());
    const events: HostEvent[] = [];
    host.subscribe((event) => events.push(event));
    if (options.roster) host.units.seedRoster(loadDemoRoster(host.config.resourcesDir), 'test-seed');
    const windows = new Map<CallContext, RemoteApi>();
    const as = (context: CallContext): RemoteApi => {
      let api = windows.get(context);
      if (!api) {
        api = inProcessApi(host, context);
        windows.set(context, api);
      }
      return api;
    };
    return {
      host,
      clock,
      dataDir,
      api: as(AMAL),
      as,
      unchecked: (channel, args, context = AMAL) => inProcessUnchecked(host, context)(channel, args),
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
