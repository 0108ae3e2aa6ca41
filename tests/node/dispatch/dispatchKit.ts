// Units and dispatch through a real host (real SQLite file, manual clock): a console with the demo
// roster, dispatchers at windows, every host event recorded.
import { join } from 'node:path';
import type { Host } from '../../../src-main/host/createHost';
import { loadDemoRoster } from '../../../src-main/services/units/demoRoster';
import type { CallContext } from '../../../src-shared/contract/api';
import type { ErrorData } from '../../../src-shared/contract/errors';
import type { HostEvent } from '../../../src-shared/contract/events';
import type { CreateIncidentArgs, OperatorRole } from '../../../src-shared/contract/schemas';
import type { IncidentRecord } from '../../../src-shared/domain/incident';
import type { UnitRecord } from '../../../src-shared/domain/unit';
import { useCleanup, useTempDirs } from '../support/cleanup';
import { createTestHost } from '../support/testHost';

export const START = Date.UTC(2026, 10, 29, 9, 0, 0);
/** Near Tahrir Square (between the Rusafa civil defence centre and Karrada police). */
export const TAHRIR = { lat: 33.3333, lon: 44.4197 } as const;

export function windowOf(actor: string): CallContext {
  return { clientId: `window-${actor}`, transport: 'websocket', actor };
}
export const AMAL = windowOf('amal');
export const BASIM = windowOf('basim');

export interface DispatchHost {
  readonly host: Host;
  readonly dataDir: string;
  readonly clock: ReturnType<typeof createTestHost>['clock'];
  readonly events: HostEvent[];
  call<T>(channel: string, args: unknown, context?: CallContext): Promise<T>;
  refused(channel: string, args: unknown, context?: CallContext): Promise<ErrorData>;
  incident(fields?: Partial<CreateIncidentArgs>): Promise<IncidentRecord>;
  unit(id: string): UnitRecord;
}

export function useDispatchHosts(): (options?: {
  role?: OperatorRole;
  roster?: boolean;
  config?: Record<string, unknown>;
  dataDir?: string;
}) => DispatchHost {
  const defer = useCleanup();
  const tempDir = useTempDirs();
  return (options = {}) => {
    const dataDir = options.dataDir ?? join(tempDir('nida-dispatch-'), 'data');
    const { host, clock } = createTestHost(dataDir, {
      operator: { name: 'Test Operator', role: options.role ?? 'dispatcher' },
      avl: { embedded: { port: 0 } },
      ...options.config,
    });
    clock.set(START);
    defer(() => host.dispose());
    const events: HostEvent[] = [];
    host.subscribe((event) => events.push(event));
    if (options.roster !== false) host.units.seedRoster(loadDemoRoster(host.config.resourcesDir), 'test-seed');
    const call = async <T>(channel: string, args: unknown, context: CallContext = AMAL): Promise<T> => {
      const result = await host.dispatch(channel, args, context);
      if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
      return result.value as T;
    };
    const refused = async (channel: string, args: unknown, context: CallContext = AMAL): Promise<ErrorData> => {
      const result = await host.dispatch(channel, args, context);
      if (result.ok) throw new Error(`${channel}: expected a refusal, got ${JSON.stringify(result.value)}`);
      return result.error;
    };
    return {
      host,
      dataDir,
      clock,
      events,
      call,
      refused,
      incident: (fields = {}) =>
        call<IncidentRecord>('incident.create', {
          typeCode: 'building-fire',
          priority: 1,
          agencies: ['civil-defence', 'ambulance', 'police-patrols'],
          location: { ...TAHRIR, source: 'map' },
          address: 'ساحة التحرير',
          ...fields,
        }),
      unit: (id) => {
        const unit = host.units.get(id);
        if (!unit) throw new Error(`no unit ${id}`);
        return unit;
      },
    };
  };
}
