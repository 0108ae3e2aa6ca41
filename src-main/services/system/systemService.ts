import type { ConsoleInfo, Handlers, StorageStatus, SystemApi } from '../../../src-shared/contract/api';
import type { LocalizedText, Language, Profile } from '../../../src-shared/contract/schemas';
import type { Clock } from '../runtime/clock';
import type { LinkRegistry } from '../runtime/linkRegistry';
import type { OutageLog } from '../outage/outageLog';

/** Liveness, identity and link state of this console host. */
/** Who and where this console is (a subset of the host configuration). */
export interface ConsoleIdentity {
  readonly center: { readonly code: string; readonly name: LocalizedText };
  readonly consoleCode: string;
  readonly profile: Profile;
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
  /** Link outages and the activity export are kept by the outage log. */
  outages: Pick<OutageLog, 'list' | 'activity'>;
}): { readonly handlers: Handlers<SystemApi> } {
  const { config, clock, links, storage, backupNow, outages } = deps;
  const startedAt = clock.now();
  const info: ConsoleInfo = {
    center: config.center,
    consoleCode: config.consoleCode,
    profile: config.profile,
    timeZone: config.timeZone,
    defaultLanguage: config.defaultLanguage,
    version: config.version,
    startedAt,
  };
  const handlers: Handlers<SystemApi> = {
    ping: ({ echo }) => ({ echo, hostTime: clock.now() }),
    info: () => info,
    links: () => links.list(),
    storage,
    backupNow: async () => {
      await backupNow();
      return storage();
    },
    outages: (args) => outages.list(args),
    activity: (args, context) => outages.activity(args, context.actor),
  };
  return { handlers };
}
