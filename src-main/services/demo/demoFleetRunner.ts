import mqtt, { type MqttClient } from 'mqtt';
import type { HostEvent } from '../../../src-shared/contract/events';
import type { LatLon } from '../../../src-shared/domain/geo';
import type { IncidentRecord } from '../../../src-shared/domain/incident';
import type { Random } from '../../../src-shared/domain/random';
import { assignedStatuses, type UnitRecord } from '../../../src-shared/domain/unit';
import { createDemoFleet, type DemoFleet, type DemoFleetOptions, type DemoFleetUnit } from './demoFleet';

export interface DemoFleetRunnerOptions {
  /** `mqtt://host:port` of the broker the console's AVL service subscribes to. */
  readonly brokerUrl: string;
  /** The trackers' account on the broker (the embedded broker refuses anonymous clients). */
  readonly credentials?: { readonly username: string; readonly password: string };
  readonly units: readonly DemoFleetUnit[];
  readonly random: Random;
  readonly now: () => number;
  readonly fleet?: Partial<DemoFleetOptions>;
  /** Topic prefix of Nida's format (default `nida/avl/`). */
  readonly topicPrefix?: string;
  /** How often the vehicles are advanced (default 1 s). */
  readonly tickMs?: number;
}

export interface RunningDemoFleet {
  readonly fleet: DemoFleet;
  /** Messages published so far. */
  readonly published: () => number;
  /** A unit changed on the console (see `DemoFleet.unitChanged`); the fleet's clock is used. */
  unitChanged(unit: Parameters<DemoFleet['unitChanged']>[0], destination: LatLon | null): void;
  stop(): Promise<void>;
}

/**
 * Runs the demo fleet against a real MQTT broker: one client for the whole fleet (a tracker
 * gateway), QoS 1, one message per report on `nida/avl/<deviceId>`.
 */
export async function startDemoFleet(options: DemoFleetRunnerOptions): Promise<RunningDemoFleet> {
  const prefix = options.topicPrefix ?? 'nida/avl/';
  const client: MqttClient = await mqtt.connectAsync(options.brokerUrl, {
    clientId: `nida-demo-fleet-${Math.floor(options.random() * 1e9).toString(36)}`,
    protocolVersion: 4,
    reconnectPeriod: 1_000,
    ...options.credentials,
  });
  client.on('error', () => undefined);
  let published = 0;
  const fleet = createDemoFleet({
    units: options.units,
    random: options.random,
    now: options.now(),
    ...(options.fleet !== undefined && { options: options.fleet }),
    publish: (deviceId, payload) => {
      published++;
      client.publish(`${prefix}${deviceId}`, payload, { qos: 1 });
    },
  });
  const timer = setInterval(() => fleet.tick(options.now()), options.tickMs ?? 1_000);
  let stopping: Promise<void> | undefined;
  return {
    fleet,
    published: () => published,
    unitChanged: (unit, destination) => fleet.unitChanged(unit, destination, options.now()),
    stop() {
      stopping ??= (async () => {
        clearInterval(timer);
        // A graceful end waits for the outgoing QoS 1 publishes to be acknowledged.
        await client.endAsync(false);
      })();
      return stopping;
    },
  };
}

/** What the fleet needs of the console: its events (as every window gets them), its units, an incident. */
export interface DemoConsoleFeed {
  subscribe(listener: (event: HostEvent) => void): () => void;
  units(): readonly UnitRecord[];
  incident(incidentId: string): Promise<IncidentRecord | null>;
  warn(context: Record<string, unknown>, message: string): void;
}

/**
 * Tells the fleet what the console does to its units (dispatch, clear), from the host's events.
 * Incident locations come from the incident events, or are read once. Returns the unsubscribe.
 */
export function followConsole(feed: DemoConsoleFeed, fleet: Pick<RunningDemoFleet, 'unitChanged'>): () => void {
  const locations = new Map<string, LatLon | null>();
  const pointOf = (incident: IncidentRecord | null): LatLon | null =>
    incident?.location ? { lat: incident.location.lat, lon: incident.location.lon } : null;
  const locate = async (incidentId: string): Promise<LatLon | null> => {
    const known = locations.get(incidentId);
    return known !== undefined ? known : pointOf(await feed.incident(incidentId));
  };
  // One queue, so that a look-up never lets a later change of the unit overtake an earlier one.
  let queue = Promise.resolve();
  const follow = (unit: UnitRecord): void => {
    queue = queue
      .then(async () => fleet.unitChanged(unit, unit.incidentId === null ? null : await locate(unit.incidentId)))
      .catch((error: unknown) => feed.warn({ err: error, unitId: unit.id }, 'demo fleet: unit change not followed'));
  };
  const stop = feed.subscribe((event) => {
    if (event.name === 'onIncidentChanged') locations.set(event.payload.id, pointOf(event.payload));
    else if (event.name === 'onUnitChanged') follow(event.payload);
  });
  // A demo stopped mid-incident picks up where its units were.
  for (const unit of feed.units()) if (assignedStatuses.includes(unit.status)) follow(unit);
  return stop;
}
