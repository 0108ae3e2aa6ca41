import { mkdirSync } from 'node:fs';
import type { CallContext, HostHandlers } from '../../src-shared/contract/api';
import type { EventName, HostEvents } from '../../src-shared/contract/events';
import type { Result } from '../../src-shared/contract/errors';
import type { HostConfig } from '../config/config';
import { createSystemService } from '../services/system/systemService';
import { systemClock, type Clock } from './clock';
import { createDispatcher } from './dispatcher';
import { EventBus, type EventListener } from './eventBus';
import { LinkRegistry } from './linkRegistry';
import { silentLogger, type Logger } from './logger';

export interface HostDependencies {
  readonly clock?: Clock;
  readonly logger?: Logger;
}

/** The console host: every service, one dispatcher, one event fan-out. Transports sit on top. */
export interface Host {
  readonly config: HostConfig;
  readonly logger: Logger;
  /** Validates and routes one `domain.method` call. Never throws. */
  dispatch(channel: string, args: unknown, context: CallContext): Promise<Result<unknown>>;
  /** Every host event, for one connected client; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
  publish<N extends EventName>(name: N, payload: HostEvents[N]): void;
  readonly links: LinkRegistry;
  /** Stops every service and releases every resource. Safe to call twice. */
  dispose(): Promise<void>;
}

/** The composition root: the only place that knows how services are wired together. */
export function createHost(config: HostConfig, dependencies: HostDependencies = {}): Host {
  const clock = dependencies.clock ?? systemClock;
  const logger = dependencies.logger ?? silentLogger();
  mkdirSync(config.dataDir, { recursive: true });

  const bus = new EventBus(logger);
  const links = new LinkRegistry(clock, (status) => bus.publish('onLinkStatus', status));
  links.report('host', 'host', config.consoleCode, 'up');

  const handlers: HostHandlers = {
    system: createSystemService({ config, clock, links }),
  };
  const dispatch = createDispatcher(handlers, logger);
  const disposers: (() => Promise<void> | void)[] = [];
  let disposed = false;

  logger.info({ center: config.center.code, console: config.consoleCode, profile: config.profile }, 'host started');

  return {
    config,
    logger,
    dispatch,
    subscribe: (listener) => bus.subscribe(listener),
    publish: (name, payload) => bus.publish(name, payload),
    links,
    async dispose() {
      if (disposed) return;
      disposed = true;
      for (const dispose of disposers.reverse()) await dispose();
      logger.info('host stopped');
    },
  };
}
