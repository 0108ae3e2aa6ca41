import { parseConfig, type ConfigFile, type HostConfig } from '../../../src-main/config/config';
import { manualClock } from '../../../src-main/services/runtime/clock';
import { createHost, type Host } from '../../../src-main/host/createHost';
import type { CallContext } from '../../../src-shared/contract/api';

export const TEST_VERSION = '0.0.0-test';

/** A context as a transport would build it, for calls made straight into `host.dispatch`. */
export const testContext: CallContext = { clientId: 'test-client', transport: 'internal', actor: 'tester' };

/** Defaults from the real schema, plus whatever the test sets. */
export function testConfig(dataDir: string, file: Partial<Record<keyof ConfigFile, unknown>> = {}): HostConfig {
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
export function createTestHost(dataDir: string, file: Partial<Record<keyof ConfigFile, unknown>> = {}): TestHost {
  const clock = manualClock();
  const host = createHost(testConfig(dataDir, file), { clock });
  return { host, clock };
}
