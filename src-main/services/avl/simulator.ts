import mqtt, { type MqttClient } from 'mqtt';
import { encodeNidaPayload, type DeviceFix } from '../../../src-shared/domain/avl/payloads';
import { BAGHDAD_BOX, bearingDeg, distanceM, type LatLon } from '../../../src-shared/domain/geo';
import type { Random } from '../../../src-shared/domain/random';

/** `sim-0001`, `sim-0002`, …: the device ids of the demo roster. */
export function simulatedDeviceId(index: number): string {
  return `sim-${String(index + 1).padStart(4, '0')}`;
}

export interface SimulatorOptions {
  /** `mqtt://host:port` of the broker Nida subscribes to. */
  readonly brokerUrl: string;
  readonly count: number;
  /** Fixes per unit per second. */
  readonly rateHz: number;
  /** Stop after this long; runs until `stop()` when absent. */
  readonly seconds?: number;
  /** Topic prefix of Nida's format (default `nida/avl/`). */
  readonly topicPrefix?: string;
  readonly qos?: 0 | 1;
  readonly username?: string;
  readonly password?: string;
  /** Seeded randomness for repeatable runs (default Math.random). */
  readonly random?: Random;
  /** Wall clock for fix times (default Date.now). */
  readonly now?: () => number;
  /** Called after each publish is handed to the client (the bench timestamps here). */
  readonly onPublish?: (deviceId: string, fix: DeviceFix) => void;
}

export interface RunningSimulator {
  /** Messages published so far. */
  readonly published: () => number;
  /** Resolves when `seconds` have passed (or after `stop()`), once every publish is acknowledged. */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

interface SimUnit {
  readonly deviceId: string;
  position: LatLon;
  target: LatLon;
  /** Cruising speed for this leg, m/s. */
  cruise: number;
  /** Stopped (at a scene, at a light) until this time. */
  parkedUntil: number;
  lastAt: number;
}

function pointIn(random: Random): LatLon {
  return {
    lat: BAGHDAD_BOX.minLat + random() * (BAGHDAD_BOX.maxLat - BAGHDAD_BOX.minLat),
    lon: BAGHDAD_BOX.minLon + random() * (BAGHDAD_BOX.maxLon - BAGHDAD_BOX.minLon),
  };
}

/** Moves `from` towards `to` by `metres` (never past it). */
function stepTowards(from: LatLon, to: LatLon, metres: number): LatLon {
  const total = distanceM(from, to);
  if (total <= metres || total === 0) return to;
  const share = metres / total;
  return { lat: from.lat + (to.lat - from.lat) * share, lon: from.lon + (to.lon - from.lon) * share };
}

/**
 * Advances one simulated unit to `now`: it drives to a random point in Baghdad at an urban speed
 * (8–17 m/s, i.e. 30–60 km/h, slower near its target), stops there for a while, then picks the next.
 */
export function advanceUnit(unit: SimUnit, wallClock: number, random: Random): DeviceFix {
  // Two fixes of one unit never share a millisecond (a late tick publishes several rounds at once).
  const now = Math.max(wallClock, unit.lastAt + 1);
  const seconds = (now - unit.lastAt) / 1000;
  unit.lastAt = now;
  let speed = 0;
  if (now >= unit.parkedUntil) {
    const remaining = distanceM(unit.position, unit.target);
    speed = Math.min(unit.cruise, Math.max(3, remaining / 10));
    const next = stepTowards(unit.position, unit.target, speed * seconds);
    const heading = bearingDeg(unit.position, unit.target);
    unit.position = next;
    if (distanceM(next, unit.target) < 1) {
      unit.parkedUntil = now + 5_000 + random() * 55_000;
      unit.target = pointIn(random);
      unit.cruise = 8 + random() * 9;
    }
    return fixOf(unit, now, speed, heading, random);
  }
  return fixOf(unit, now, 0, null, random);
}

function fixOf(unit: SimUnit, at: number, speed: number, heading: number | null, random: Random): DeviceFix {
  return {
    lat: Math.round(unit.position.lat * 1e6) / 1e6,
    lon: Math.round(unit.position.lon * 1e6) / 1e6,
    at,
    speed: Math.round(speed * 10) / 10,
    heading: heading === null ? null : Math.round(heading) % 360,
    accuracyM: Math.round(3 + random() * 7),
  };
}

function createUnits(count: number, now: number, random: Random): SimUnit[] {
  return Array.from({ length: count }, (_, index) => ({
    deviceId: simulatedDeviceId(index),
    position: pointIn(random),
    target: pointIn(random),
    cruise: 8 + random() * 9,
    // A few start parked, as a real shift does.
    parkedUntil: random() < 0.2 ? now + random() * 30_000 : 0,
    lastAt: now,
  }));
}

/** How often the publisher wakes up; each wake publishes the fixes that fell due since the last. */
const TICK_MS = 20;

/**
 * Drives `count` units through a real MQTT broker in Nida's JSON format (`nida/avl/sim-NNNN`):
 * every unit reports `rateHz` times per second, spread evenly over the second (not in bursts).
 */
export async function startUnitSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  if (!Number.isInteger(options.count) || options.count < 1) throw new Error('count must be a positive integer');
  if (!(options.rateHz > 0)) throw new Error('rate must be above 0 Hz');
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const prefix = options.topicPrefix ?? 'nida/avl/';
  const qos = options.qos ?? 1;
  const client: MqttClient = await mqtt.connectAsync(options.brokerUrl, {
    clientId: `nida-simulator-${Math.floor(random() * 1e9).toString(36)}`,
    protocolVersion: 4,
    reconnectPeriod: 1_000,
    ...(options.username !== undefined && { username: options.username }),
    ...(options.password !== undefined && { password: options.password }),
  });
  client.on('error', () => undefined);
  const units = createUnits(options.count, now(), random);
  const perSecond = options.count * options.rateHz;
  const started = now();
  let published = 0;
  let cursor = 0;
  let stopped = false;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });

  const tick = (): void => {
    if (stopped) return;
    const elapsed = now() - started;
    const ending = options.seconds !== undefined && elapsed >= options.seconds * 1000;
    // The last tick tops up to exactly count × rate × seconds.
    const target = ending ? Math.round((options.seconds ?? 0) * perSecond) : Math.floor((elapsed / 1000) * perSecond);
    const due = target - published;
    for (let sent = 0; sent < due; sent++) {
      const unit = units[cursor] as SimUnit;
      cursor = (cursor + 1) % units.length;
      const fix = advanceUnit(unit, now(), random);
      client.publish(`${prefix}${unit.deviceId}`, encodeNidaPayload(fix), { qos });
      published++;
      options.onPublish?.(unit.deviceId, fix);
    }
    if (ending) void stop();
  };
  const timer = setInterval(tick, TICK_MS);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      stopped = true;
      clearInterval(timer);
      // A graceful end waits for the outgoing QoS 1 publishes to be acknowledged.
      await client.endAsync(false);
      finish();
    })();
    return stopping;
  };

  return { published: () => published, done: finished, stop };
}
