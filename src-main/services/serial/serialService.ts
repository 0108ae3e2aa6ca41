import { existsSync, readFileSync } from 'node:fs';
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
import { createNmeaParser, type NmeaEvent } from '../../../src-shared/domain/protocols/nmea';
import {
  createEmergencyDeduplicator,
  createRadioParser,
  type RadioFrame,
} from '../../../src-shared/domain/protocols/radio';
import type { HostConfig } from '../../config/config';
import type { Clock } from '../../host/clock';
import type { LinkRegistry } from '../../host/linkRegistry';
import type { Logger } from '../../host/logger';
import type { AlarmService } from '../alarms/alarmService';
import type { IntakeServices } from '../intake/intakeService';
import { RawInputLog } from '../store/rawInputs';
import type { Store } from '../store/store';
import { discoverSerialPorts } from './discovery';
import { openSerialPort } from './nodeSerial';
import { openDemoTelephonyLine } from '../demo/demoCalls';
import { DEMO_PORT_PREFIX } from '../../config/config';
import {
  startPortManager,
  type OpenSerial,
  type PortState,
  type PortStatus,
  type SerialPortConfig,
} from './portManager';

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
export function startSerialService(deps: {
  config: HostConfig;
  store: Store;
  clock: Clock;
  logger: Logger;
  links: LinkRegistry;
  intake: Pick<IntakeServices, 'receiveCall'>;
  alarms: Pick<AlarmService, 'raise'>;
  open?: OpenSerial;
}): { handlers: Handlers<SerialApi>; dispose(): Promise<void> } {
  const { config, logger } = deps;
  const rawInputs = new RawInputLog(deps.store.database);
  const emergencies = createEmergencyDeduplicator();

  const templateOf = (name: string): ReturnType<typeof parseAliTemplate> => {
    const candidates = [
      join(config.dataDir, 'ali-templates', `${name}.json`),
      join(config.resourcesDir, 'ali-templates', `${name}.json`),
    ];
    const path = candidates.find((candidate) => existsSync(candidate));
    if (!path) throw new SerialConfigError(`ALI template "${name}" not found in ${candidates.join(' or ')}`);
    return parseAliTemplate(JSON.parse(readFileSync(path, 'utf8')));
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
      parsers.set(port.id, () => mapParser(createNmeaParser(), (event) => ({ protocol: 'nmea' as const, event })));
    }
  }

  const accept = (port: SerialPortConfig, rawId: number, frame: SerialFrame, receivedAt: number): void => {
    switch (frame.protocol) {
      case 'ali':
        deps.intake.receiveCall({ ...toCallReceived(frame.record), rawInputId: rawId }, `serial:${port.id}`);
        break;
      case 'radio':
        if (frame.frame.kind === 'emergency' && emergencies.check(frame.frame.unitId, receivedAt) === 'alarm') {
          deps.alarms.raise({
            kind: 'radio-emergency',
            severity: 'emergency',
            subject: frame.frame.unitId,
            source: `serial:${port.id}`,
            position: frame.frame.position ?? null,
          });
        }
        // Unit status frames drive the unit board once units exist (dispatch); they are stored raw meanwhile.
        break;
      case 'nmea':
        // Positions feed unit tracking (AVL) and the console's own location; stored raw meanwhile.
        break;
    }
    rawInputs.markParsed(rawId);
  };

  const manager = startPortManager<SerialFrame>({
    ports: config.serial.ports,
    open: (port) => {
      // `demo:ali` (demo and drill profiles only, enforced by the config) is the simulated telephony system.
      if (port.path.startsWith(DEMO_PORT_PREFIX))
        return Promise.resolve(
          openDemoTelephonyLine({
            intervalSeconds: config.demo.callIntervalSeconds,
            seed: config.demo.seed,
            firstCallAfterMs: config.demo.firstCallAfterSeconds * 1000,
            now: () => deps.clock.now(),
          }),
        );
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
