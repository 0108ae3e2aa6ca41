// AVL service tests: the real service on a real store and a real broker (embedded aedes or
// Debian's mosquitto), fed by a real mqtt.js client; every batch sent to windows recorded.
import mqtt, { type MqttClient } from 'mqtt';
import type { CallContext } from '../../../src-shared/contract/api';
import type { LinkStatus } from '../../../src-shared/contract/links';
import { encodeNidaPayload, type DeviceFix } from '../../../src-shared/domain/avl/payloads';
import type { UnitPosition, UnitRecord, UnitStatus } from '../../../src-shared/domain/unit';
import { parseConfig } from '../../../src-main/config/config';
import { LinkRegistry } from '../../../src-main/services/runtime/linkRegistry';
import { silentLogger, type Logger } from '../../../src-main/services/runtime/logger';
import { startAvlService, type AvlService } from '../../../src-main/services/avl/avlService';
import type { AvlConfig } from '../../../src-main/services/avl/avlConfig';
import type { AvlUnitDirectory } from '../../../src-main/services/avl/unitDirectory';
import { useCleanup } from '../support/cleanup';
import { START, useStores, type ManualClock } from '../support/store';

export { START };

/** Tahrir Square, Baghdad. */
export const TAHRIR = { lat: 33.3333, lon: 44.4197 } as const;

export const ADMIN: CallContext = { clientId: 'window-admin', transport: 'websocket', actor: 'admin' };

/** `point` moved `north` and `east` metres. */
export function offset(point: { lat: number; lon: number }, north: number, east = 0): { lat: number; lon: number } {
  const metresPerDegree = (6_371_008.8 * Math.PI) / 180;
  return {
    lat: point.lat + north / metresPerDegree,
    lon: point.lon + east / (metresPerDegree * Math.cos((point.lat * Math.PI) / 180)),
  };
}

/** A fix at `at` near Tahrir, `north` metres up the meridian. */
export function fixAt(at: number, north = 0, extra: Partial<DeviceFix> = {}): DeviceFix {
  return { ...offset(TAHRIR, north), at, speed: 10, heading: 0, accuracyM: 5, ...extra };
}

function unitRecord(id: string, deviceId: string | null): UnitRecord {
  return {
    id,
    callsign: id.toUpperCase(),
    agency: 'police',
    kind: 'patrol',
    capabilities: [],
    station: null,
    home: null,
    crew: [],
    radioId: null,
    deviceId,
    status: 'available',
    statusSince: START,
    statusSource: 'system',
    incidentId: null,
    updatedAt: START,
    version: 1,
  };
}

/** The roster as the AVL service sees it, held in memory (the host passes the real roster's adapter). */
export class MemoryRoster implements AvlUnitDirectory {
  readonly units = new Map<string, UnitRecord>();
  readonly statuses: { unitId: string; status: UnitStatus; at: number; destination?: string }[] = [];

  add(unitId: string, deviceId: string | null): this {
    this.units.set(unitId, unitRecord(unitId, deviceId));
    return this;
  }

  unitIdForDevice(deviceId: string): string | null {
    for (const unit of this.units.values()) if (unit.deviceId === deviceId) return unit.id;
    return null;
  }

  bindDevice(deviceId: string, unitId: string): UnitRecord {
    const unit = this.units.get(unitId);
    if (!unit) throw new Error(`no unit ${unitId}`);
    const bound = { ...unit, deviceId, version: unit.version + 1 };
    this.units.set(unitId, bound);
    return bound;
  }

  applyDeviceStatus(unitId: string, status: UnitStatus, at: number, destination: string | null): void {
    this.statuses.push({ unitId, status, at, ...(destination !== null && { destination }) });
  }
}

export interface AvlRig {
  readonly avl: AvlService;
  readonly clock: ManualClock;
  readonly roster: MemoryRoster;
  /** Every `onUnitPositions` batch, in order. */
  readonly batches: UnitPosition[][];
  readonly linkChanges: LinkStatus[];
  readonly links: LinkRegistry;
  readonly brokerLink: () => LinkStatus | undefined;
  readonly dataDir: string;
  dispose(): Promise<void>;
}

export interface RigOptions {
  /** `avl` section of nida.config.json (defaults for the rest; the embedded broker on port 0 unless a broker is set). */
  readonly avl?: Record<string, unknown>;
  readonly roster?: MemoryRoster;
  readonly logger?: Logger;
  readonly dataDir?: string;
  /** The host clock (a manual clock at START by default). */
  readonly clock?: ManualClock;
}

/** Fast reconnects, and the embedded broker on a free port, unless the test says otherwise. */
export function avlConfig(avl: Record<string, unknown> = {}): AvlConfig {
  return parseConfig(
    { avl: { embedded: { port: 0 }, reconnect: { minMs: 100, maxMs: 400 }, ...avl } },
    '/nonexistent',
    'test',
  ).avl;
}

/** Real AVL services on real stores, disposed after each test. Call once per file. */
export function useAvlRigs(): {
  readonly startRig: (options?: RigOptions) => AvlRig;
  readonly defer: (dispose: () => Promise<void> | void) => void;
  readonly tempDir: (prefix?: string) => string;
} {
  const stores = useStores();
  const defer = useCleanup();
  return {
    defer,
    tempDir: stores.tempDir,
    startRig(options = {}) {
      const { store, clock, dataDir } = stores.openStore({
        ...(options.dataDir !== undefined && { dataDir: options.dataDir }),
        ...(options.clock !== undefined && { clock: options.clock }),
      });
      const roster = options.roster ?? new MemoryRoster();
      const batches: UnitPosition[][] = [];
      const linkChanges: LinkStatus[] = [];
      const links = new LinkRegistry(clock, (status) => linkChanges.push(status));
      const avl = startAvlService({
        config: avlConfig(options.avl),
        dataDir,
        centerCode: 'BGD',
        consoleCode: 'C3',
        clock,
        logger: options.logger ?? silentLogger(),
        links,
        store,
        units: roster,
        publish: (_name, { positions }) => batches.push([...positions]),
      });
      defer(() => avl.dispose());
      return {
        avl,
        clock,
        roster,
        batches,
        linkChanges,
        links,
        brokerLink: () => links.list().find((link) => link.id === 'broker'),
        dataDir,
        dispose: () => avl.dispose(),
      };
    },
  };
}

/** A unit's device: a real mqtt.js client publishing at QoS 1. */
export interface Device {
  readonly client: MqttClient;
  /** Publishes raw bytes on a topic and waits for the broker's PUBACK. */
  publish(topic: string, payload: string | Buffer): Promise<void>;
  /** Nida's own format on `nida/avl/<deviceId>`. */
  report(deviceId: string, fix: DeviceFix, status?: UnitStatus, destination?: string): Promise<void>;
  end(): Promise<void>;
}

/** A tracker's user name and password on a broker. */
export interface BrokerLogin {
  readonly username: string;
  readonly password: string;
}

/** The account the embedded broker gives trackers (it refuses anonymous clients). */
export function trackerLogin(avl: Pick<AvlService, 'trackerAccount'>): BrokerLogin {
  const account = avl.trackerAccount();
  if (account === null) throw new Error('the embedded broker has not started: no tracker account');
  return { username: account.username, password: account.password };
}

export async function connectDevice(
  url: string,
  clientId = `device-${Math.random().toString(16).slice(2)}`,
  login?: BrokerLogin,
): Promise<Device> {
  const client = await mqtt.connectAsync(url, { clientId, reconnectPeriod: 0, protocolVersion: 4, ...login });
  const publish = async (topic: string, payload: string | Buffer): Promise<void> => {
    await client.publishAsync(topic, payload, { qos: 1 });
  };
  return {
    client,
    publish,
    report: (deviceId, fix, status, destination) =>
      publish(`nida/avl/${deviceId}`, encodeNidaPayload(fix, status, destination)),
    end: () => client.endAsync(true),
  };
}

/** The newest position of a unit across all batches so far. */
export function lastBatched(batches: readonly UnitPosition[][], unitId: string): UnitPosition | undefined {
  for (let index = batches.length - 1; index >= 0; index--) {
    const found = batches[index]?.find((position) => position.unitId === unitId);
    if (found) return found;
  }
  return undefined;
}
