import type { ConsoleInfo, Handlers, StorageStatus, SystemApi } from '../../../src-shared/contract/api';
import type { LocalizedText, Language, OperatorRole, Profile } from '../../../src-shared/contract/schemas';
import type { Clock } from '../runtime/clock';
import type { LinkRegistry } from '../runtime/linkRegistry';

/** Liveness, identity and link state of this console host. */
/** Who and where this console is (a subset of the host configuration). */
export interface ConsoleIdentity {
  readonly center: { readonly code: string; readonly name: LocalizedText };
  readonly consoleCode: string;
  readonly profile: Profile;
  readonly operatorName: string;
  readonly operator: { readonly role: OperatorRole };
  readonly timeZone: string;
  readonly defaultLanguage: Language;
  readonly version: string;
}

export function createSystemService(deps: {
  config: ConsoleIdentity;
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
