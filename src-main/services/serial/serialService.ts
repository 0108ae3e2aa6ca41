import { readJsonFile } from '../runtime/jsonFile';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Handlers, SerialApi } from '../../../src-shared/contract/api';
import type { LinkState } from '../../../src-shared/contract/links';
import {
  createAliParser,
  parseAliTemplate,
  toCallReceived,
  type AliRecord,
} from '../../../src-shared/domain/protocols/ali';
import type { StreamParser } from '../../../src-shared/domain/protocols/framing';
import { createNmeaParser, type NmeaEvent, type NmeaFix } from '../../../src-shared/domain/protocols/nmea';
import type { DeviceFix } from '../../../src-shared/domain/avl/payloads';
import {
  createEmergencyDeduplicator,
  createRadioParser,
  type RadioFrame,
} from '../../../src-shared/domain/protocols/radio';
import type { Clock } from '../runtime/clock';
import type { LinkRegistry } from '../runtime/linkRegistry';
import type { Logger } from '../runtime/logger';
import type { AlarmService } from '../alarms/alarmService';
import type { IntakeServices } from '../intake/intakeService';
import { createRadioStatusHandler, loadRadioStatusMap } from '../units/radioStatus';
import type { UnitService } from '../units/unitService';
import type { Store } from '../store/store';
import { discoverSerialPorts } from './discovery';
import { openSerialPort } from './nodeSerial';
import { openDemoTelephonyLine, type DemoTelephonyLine } from '../demo/demoCalls';
import type { DrillLines } from '../drill/drillLines';
import { DEMO_PORT_PREFIX, DRILL_PORT_PATH, type DemoLineConfig, type SerialConfig } from './serialConfig';
import {
  startPortManager,
  type OpenSerial,
  type PortState,
  type PortStatus,
  type SerialPortConfig,
} from './portManager';

/** The AVL side as the serial service sees it: fixes from NMEA receivers and radio frames. */
export interface PositionSink {
  ingest(unitId: string, fix: DeviceFix, source: 'nmea' | 'radio'): { readonly accepted: boolean };
}

/** The unit id a console's own receiver reports as (a mobile command post on the map). */
export function consolePositionId(consoleCode: string): string {
  return `console-${consoleCode}`;
}

// Typical receiver error per unit of HDOP (user equivalent range error), for an accuracy radius.
const METRES_PER_HDOP = 5;

/** An NMEA reporting cycle as an AVL fix; null while the receiver has no 2D/3D fix. */
export function nmeaFixToDeviceFix(fix: NmeaFix, receivedAt: number): DeviceFix | null {
  if (fix.lat === null || fix.lon === null || fix.mode < 2) return null;
  const at = fix.time === null ? receivedAt : Date.parse(fix.time);
  return {
    lat: fix.lat,
    lon: fix.lon,
    at: Number.isFinite(at) ? at : receivedAt,
    speed: fix.speed,
    heading: fix.track,
    accuracyM: fix.hdop === null ? null : fix.hdop * METRES_PER_HDOP,
  };
}

export class SerialConfigError extends Error {
  override readonly name = 'SerialConfigError';
}

type SerialFrame =
  | { readonly protocol: 'ali'; readonly record: AliRecord }
  | { readonly protocol: 'radio'; readonly frame: RadioFrame }
  | { readonly protocol: 'nmea'; readonly event: NmeaEvent };

const linkStates: Record<PortState, LinkState> = {
  opening: 'connecting',
  open: 'up',
  reconnecting: 'down',
  closed: 'disabled',
};

function mapParser<T, U>(parser: StreamParser<T>, wrap: (value: T) => U): StreamParser<U> {
  const mapFrames = (frames: ReturnType<StreamParser<T>['push']>): ReturnType<StreamParser<U>['push']> =>
    frames.map((frame) => ({
      raw: frame.raw,
      result: frame.result.ok ? { ok: true, value: wrap(frame.result.value) } : frame.result,
    }));
  return { push: (chunk) => mapFrames(parser.push(chunk)), flush: () => mapFrames(parser.flush()) };
}

/**
 * The serial side of the console: the 911 telephony ALI feed becomes calls in the queue, the radio
 * gateway's emergency button becomes an alarm in every window, GPS receivers become positions.
 * Every frame is stored raw (port, time) before it is acted on.
 */
/** What the serial service needs to know of its console. */
export interface SerialOptions {
  readonly serial: SerialConfig;
  /** The simulated telephony line (`demo:` paths). */
  readonly demo: DemoLineConfig;
  /** ALI templates and radio status maps: a center's own copy in `dataDir` wins over the shipped one. */
  readonly dataDir: string;
  readonly resourcesDir: string;
  readonly timeZone: string;
  readonly consoleCode: string;
}

export function startSerialService(deps: {
  config: SerialOptions;
  store: Store;
  clock: Clock;
  logger: Logger;
  links: LinkRegistry;
  intake: Pick<IntakeServices, 'receiveCall'>;
  alarms: Pick<AlarmService, 'raise'>;
  /** Radio status frames change unit statuses through the roster (radio id → unit). */
  units?: Pick<UnitService, 'applyRadioStatus' | 'byRadioId'>;
  /** Where GPS fixes go (AVL): a unit's position, or the console's own. */
  positions?: PositionSink;
  open?: OpenSerial;
  /** The drill's scripted lines, read by `demo:drill` ports (drill profile only). */
  drillLines?: DrillLines;
}): { handlers: Handlers<SerialApi>; dispose(): Promise<void> } {
  const { config, logger } = deps;
  const rawInputs = deps.store.rawInputs;
  const emergencies = createEmergencyDeduplicator();
  const radioStatus =
    deps.units && config.serial.ports.some((port) => port.protocol === 'radio')
      ? createRadioStatusHandler({
          statusMap: loadRadioStatusMap(config.dataDir, config.resourcesDir),
          units: deps.units,
          logger,
        })
      : null;

  const templateOf = (name: string): ReturnType<typeof parseAliTemplate> => {
    const candidates = [
      join(config.dataDir, 'ali-templates', `${name}.json`),
      join(config.resourcesDir, 'ali-templates', `${name}.json`),
    ];
    const path = candidates.find((candidate) => existsSync(candidate));
    if (!path) throw new SerialConfigError(`ALI template "${name}" not found in ${candidates.join(' or ')}`);
    return parseAliTemplate(readJsonFile(path));
  };

  const parsers = new Map<string, () => StreamParser<SerialFrame>>();
  for (const port of config.serial.ports) {
    if (port.protocol === 'ali') {
      const template = templateOf(port.template ?? 'labelled-15');
      if (!template.ok)
        throw new SerialConfigError(`ALI template for port ${port.id} is invalid: ${template.errors.join('; ')}`);
      parsers.set(port.id, () =>
        mapParser(
          createAliParser(template.value, { timeZone: config.timeZone, now: () => deps.clock.now() }),
          (record) => ({
            protocol: 'ali' as const,
            record,
          }),
        ),
      );
    } else if (port.protocol === 'radio') {
      parsers.set(port.id, () => mapParser(createRadioParser(), (frame) => ({ protocol: 'radio' as const, frame })));
    } else {
      const options = port.cycleEnd === undefined ? {} : { cycleEnd: port.cycleEnd };
      parsers.set(port.id, () =>
        mapParser(createNmeaParser(options), (event) => ({ protocol: 'nmea' as const, event })),
      );
    }
  }

  // NMEA receivers bound to a unit (a vehicle modem); the others are this console's own receiver.
  const receiverUnit = new Map(config.serial.ports.flatMap((port) => (port.unitId ? [[port.id, port.unitId]] : [])));

  // Simulated telephony lines by port: they also know what their callers say (demo and drill only).
  const demoLines = new Map<string, DemoTelephonyLine>();

  const accept = (port: SerialPortConfig, rawId: number, frame: SerialFrame, receivedAt: number): void => {
    switch (frame.protocol) {
      case 'ali': {
        const script =
          (port.path === DRILL_PORT_PATH
            ? deps.drillLines?.scriptFor(frame.record.callbackNumber)
            : demoLines.get(port.id)?.scriptFor(frame.record.callbackNumber)) ?? null;
        deps.intake.receiveCall(
          { ...toCallReceived(frame.record), rawInputId: rawId, ...(script !== null && { callerScript: [...script] }) },
          `serial:${port.id}`,
        );
        break;
      }
      case 'radio':
        if (frame.frame.kind === 'emergency' && emergencies.check(frame.frame.unitId, receivedAt) === 'alarm') {
          // The subject stays the radio id (what was received); the incident is the unit's at that moment.
          deps.alarms.raise({
            kind: 'radio-emergency',
            severity: 'emergency',
            subject: frame.frame.unitId,
            source: `serial:${port.id}`,
            position: frame.frame.position ?? null,
            incidentId: deps.units?.byRadioId(frame.frame.unitId)?.incidentId ?? null,
          });
        }
        radioStatus?.handle(frame.frame, `serial:${port.id}`);
        // A frame with a position (GPS-equipped radios) moves the unit the radio belongs to.
        if (frame.frame.position && deps.positions) {
          const unit = deps.units?.byRadioId(frame.frame.unitId);
          if (unit) {
            const { lat, lon } = frame.frame.position;
            deps.positions.ingest(
              unit.id,
              { lat, lon, at: receivedAt, speed: null, heading: null, accuracyM: null },
              'radio',
            );
          }
        }
        break;
      case 'nmea': {
        if (frame.event.kind !== 'fix') break;
        const fix = nmeaFixToDeviceFix(frame.event.fix, receivedAt);
        if (fix !== null && deps.positions)
          deps.positions.ingest(receiverUnit.get(port.id) ?? consolePositionId(config.consoleCode), fix, 'nmea');
        break;
      }
    }
    rawInputs.markParsed(rawId);
  };

  const manager = startPortManager<SerialFrame>({
    ports: config.serial.ports,
    open: (port) => {
      if (port.path === DRILL_PORT_PATH) {
        if (!deps.drillLines)
          return Promise.reject(new SerialConfigError(`${DRILL_PORT_PATH} is read only in a drill`));
        if (port.protocol === 'nmea')
          return Promise.reject(new SerialConfigError(`${DRILL_PORT_PATH} carries telephony or radio, not NMEA`));
        return (port.protocol === 'ali' ? deps.drillLines.telephony : deps.drillLines.radio).open();
      }
      // `demo:ali` (demo and drill profiles only, enforced by the config) is the simulated telephony system.
      if (port.path.startsWith(DEMO_PORT_PREFIX)) {
        const line = openDemoTelephonyLine({
          intervalSeconds: config.demo.callIntervalSeconds,
          seed: config.demo.seed,
          firstCallAfterMs: config.demo.firstCallAfterSeconds * 1000,
          now: () => deps.clock.now(),
        });
        demoLines.set(port.id, line);
        return Promise.resolve(line);
      }
      return (deps.open ?? openSerialPort)(port);
    },
    parserFor: (port) => {
      const factory = parsers.get(port.id);
      if (!factory) throw new SerialConfigError(`no parser for port ${port.id}`);
      return factory();
    },
    sink: {
      storeRaw: (port, raw, receivedAt) => rawInputs.record(`serial:${port.id}`, port.protocol, raw, receivedAt),
      accepted: (port, rawId, frame, receivedAt) => {
        try {
          accept(port, rawId, frame, receivedAt);
        } catch (error) {
          // The frame is kept raw; a failure acting on it must not stop the port.
          logger.error({ err: error, port: port.id }, 'serial frame could not be acted on');
          rawInputs.markRejected(rawId, error instanceof Error ? error.message : String(error));
        }
      },
      rejected: (_port, rawId, error) => rawInputs.markRejected(rawId, error),
    },
    clock: deps.clock,
    logger,
    onStatus: (status: PortStatus) =>
      deps.links.report(
        `serial:${status.id}`,
        'serial',
        `${status.id} (${status.path})`,
        linkStates[status.state],
        status.lastError ?? undefined,
      ),
  });

  return {
    handlers: {
      status: () => manager.statuses(),
      discover: () => discoverSerialPorts({ configured: config.serial.ports }),
    },
    dispose: () => manager.dispose(),
  };
}
