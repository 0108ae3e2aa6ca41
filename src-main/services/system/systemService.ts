import type { ConsoleInfo, Handlers, StorageStatus, SystemApi } from '../../../src-shared/contract/api';
import type { HostConfig } from '../../config/config';
import type { Clock } from '../../host/clock';
import type { LinkRegistry } from '../../host/linkRegistry';

/** Liveness, identity and link state of this console host. */
export function createSystemService(deps: {
  config: HostConfig;
  clock: Clock;
  links: LinkRegistry;
  storage: () => StorageStatus;
  backupNow: () => Promise<unknown>;
  // Outages and their export come from the outage log (services/outage), wired in createHost.
}): Omit<Handlers<SystemApi>, 'outages' | 'activity'> {
  const { config, clock, links, storage, backupNow } = deps;
  const startedAt = clock.now();
  const info: ConsoleInfo = {
    center: config.center,
    consoleCode: config.consoleCode,
    profile: config.profile,
    operator: { name: config.operatorName, role: config.operator.role },
    timeZone: config.timeZone,
    defaultLanguage: config.defaultLanguage,
    version: config.version,
    startedAt,
  };
  return {
    ping: ({ echo }) => ({ echo, hostTime: clock.now() }),
    info: () => info,
    links: () => links.list(),
    storage,
    backupNow: async () => {
      await backupNow();
      return storage();
    },
  };
}
